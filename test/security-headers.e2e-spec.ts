import path from 'node:path';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { TestWorld } from './support/test-world';

/**
 * The headers a browser gets: the portal runs under a Content-Security-Policy without inline
 * scripts, HSTS only over TLS (as a trusted proxy reports it), no version banners, no cookies.
 * (The browser suites run the real portal under this policy and fail on any violation.)
 */
describe('security headers', () => {
  let world: TestWorld;
  beforeAll(async () => {
    // A stand-in portal build, so this suite does not need `npm run build:portal`.
    const dist = path.join(tmpdir(), `accord-portal-${process.pid}`);
    if (!existsSync(dist)) mkdirSync(dist, { recursive: true });
    writeFileSync(path.join(dist, 'index.html'), '<!doctype html><html><head><script type="module" src="/assets/index.js"></script></head><body><div id="root"></div></body></html>');
    world = await TestWorld.start({ PORTAL_DIST: dist });
  });
  afterAll(() => world.stop());

  const directives = (csp: string) => new Map(csp.split(';').map((d) => d.trim().split(/\s+/)).map(([k, ...v]) => [k, v]));

  it.each(['/', '/sign-in', '/cases/123', '/c/some-consumer-link-token'])('serves the portal page %s under a strict CSP', async (url) => {
    const res = await world.http.get(url);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/html/);
    const csp = directives(res.headers['content-security-policy']);
    expect(csp.get('script-src')).toEqual(["'self'"]);
    expect(csp.get('script-src-attr')).toEqual(["'none'"]);
    expect(csp.get('default-src')).toEqual(["'self'"]);
    expect(csp.get('object-src')).toEqual(["'none'"]);
    expect(csp.get('frame-ancestors')).toEqual(["'none'"]);
    expect(csp.get('base-uri')).toEqual(["'self'"]);
    // No 'unsafe-inline' or 'unsafe-eval' for scripts anywhere in the policy.
    for (const [name, values] of csp) if (name.startsWith('script')) expect(values.join(' ')).not.toMatch(/unsafe/);
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['x-frame-options']).toBe('SAMEORIGIN');
    expect(res.headers['referrer-policy']).toBe('no-referrer');
  });

  it('sends no version banners and no HSTS over plain HTTP', async () => {
    for (const url of ['/', '/api/v1/public/documents/verify/' + 'a'.repeat(64), '/api/v1/nothing-here']) {
      const res = await world.http.get(url);
      expect(res.headers['x-powered-by']).toBeUndefined();
      expect(res.headers.server).toBeUndefined();
      expect(res.headers['strict-transport-security']).toBeUndefined();
    }
  });

  it('sends HSTS when the request came over TLS through the trusted proxy, and only then', async () => {
    const viaTls = await world.http.get('/sign-in').set('X-Forwarded-Proto', 'https');
    expect(viaTls.headers['strict-transport-security']).toBe('max-age=31536000; includeSubDomains');
    const api = await world.http.get('/api/v1/me').set('X-Forwarded-Proto', 'https');
    expect(api.headers['strict-transport-security']).toBe('max-age=31536000; includeSubDomains');
  });

  it('a proxy the API does not trust cannot claim TLS', async () => {
    const untrusted = await world.startApiWith({ TRUST_PROXY: '192.0.2.1' });
    const url = await untrusted.getUrl();
    const res = await (await import('supertest')).default(url).get('/sign-in').set('X-Forwarded-Proto', 'https');
    expect(res.headers['strict-transport-security']).toBeUndefined();
  });

  it('signing in sets no cookie: tokens travel in the Authorization header only', async () => {
    const res = await world.http.post('/api/v1/auth/sign-in').send({ username: 'qd.intake', password: 'Accord-demo-2026' });
    expect(res.status).toBe(200);
    expect(res.headers['set-cookie']).toBeUndefined();
  });
});
