import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { PROBLEM_CODES, ProblemCode } from '@accord/contracts';
import { notFoundCode } from './domain-error';
import { HTTP_CODES } from './problem.filter';

const root = path.resolve(__dirname, '../../..');

function sources(dir: string, out: string[] = []): string[] {
  for (const entry of readdirSync(dir)) {
    if (entry === 'node_modules' || entry === 'dist') continue;
    const full = path.join(dir, entry);
    if (statSync(full).isDirectory()) sources(full, out);
    else if (entry.endsWith('.ts') && !/\.(spec|int-spec|e2e-spec)\.ts$/.test(entry)) out.push(full);
  }
  return out;
}

/** Every code thrown in the server's source, with the status it is thrown with (as written at the throw). */
function thrown(): { code: string; status: number; at: string }[] {
  const found: { code: string; status: number; at: string }[] = [];
  const patterns: [RegExp, (m: RegExpMatchArray) => { code: string; status: number }][] = [
    [/new DomainError\(\s*'([A-Z_]+)',\s*(\d{3})/g, (m) => ({ code: m[1], status: Number(m[2]) })],
    [/ConflictError\(\s*'([A-Z_]+)'/g, (m) => ({ code: m[1], status: 409 })],
    // A subclass of DomainError (status given) or of ConflictError (409).
    [/super\(\s*'([A-Z_]+)',\s*(\d{3}),/g, (m) => ({ code: m[1], status: Number(m[2]) })],
    [/extends ConflictError \{[^}]*?super\(\s*'([A-Z_]+)',\s*[`'a-z]/gs, (m) => ({ code: m[1], status: 409 })],
    [/ForbiddenError\([^)]*?,\s*'([A-Z_]+)'\s*\)/g, (m) => ({ code: m[1], status: 403 })],
    [/UnauthorizedError\([^)]*?,\s*'([A-Z_]+)'\s*\)/g, (m) => ({ code: m[1], status: 401 })],
    [/NotFoundError\(\s*'[^']+',\s*'([A-Z_]+)'\s*\)/g, (m) => ({ code: m[1], status: 404 })],
    // A subject alone: its code is derived (UuidParam throws NotFoundError(subject) for a malformed id).
    [/(?:NotFoundError|UuidParam)\(\s*'([^']+)'\s*\)/g, (m) => ({ code: notFoundCode(m[1]), status: 404 })],
  ];
  for (const file of [...sources(path.join(root, 'libs')), ...sources(path.join(root, 'apps/api/src')), ...sources(path.join(root, 'apps/worker/src'))]) {
    const text = readFileSync(file, 'utf8');
    for (const [re, read] of patterns) for (const m of text.matchAll(re)) found.push({ ...read(m), at: path.relative(root, file) });
  }
  return found;
}

describe('PROBLEM_CODES: every error code defined once', () => {
  const all = thrown();
  const listed = PROBLEM_CODES as Record<string, { status: number; description: string }>;

  it('lists each code thrown, with the status it is thrown with', () => {
    expect(all.length).toBeGreaterThan(150);
    const wrong = all.filter((t) => listed[t.code]?.status !== t.status).map((t) => `${t.code} ${t.status} (${t.at}) listed as ${listed[t.code]?.status ?? 'missing'}`);
    expect(wrong).toEqual([]);
  });

  it('lists no code that nothing throws', () => {
    const used = new Set<string>([...all.map((t) => t.code), ...Object.values(HTTP_CODES), 'HTTP_ERROR', 'INTERNAL', 'DEPENDENCY_UNAVAILABLE', 'VALIDATION_FAILED', notFoundCode('Resource')]);
    expect(Object.keys(listed).filter((c) => !used.has(c))).toEqual([]);
  });

  it('describes each one', () => {
    for (const [code, { description }] of Object.entries(listed)) expect([code, description.length > 10]).toEqual([code as ProblemCode, true]);
  });
});
