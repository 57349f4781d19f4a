import type { RedisService } from '../redis';
import { RateLimiter } from './rate-limiter.service';

/** A Redis that never answers (down, or partitioned away): commands hang or fail. */
function redisAway(mode: 'hang' | 'fail'): RedisService {
  return {
    key: (...parts: string[]) => ['t', ...parts].join(':'),
    client: { eval: () => (mode === 'hang' ? new Promise(() => undefined) : Promise.reject(new Error('ECONNREFUSED'))) },
  } as unknown as RedisService;
}

describe('rate limits with Redis away', () => {
  it.each(['hang', 'fail'] as const)("'local' limits count in this process when Redis does not answer (%s): never unlimited", async (mode) => {
    const limiter = new RateLimiter(redisAway(mode));
    const hits = [];
    for (let i = 0; i < 4; i++) hits.push(await limiter.hit('consumer.code-target', 'link-1', 3, 900, 'local'));
    expect(hits.map((h) => h.allowed)).toEqual([true, true, true, false]);
    expect(hits.every((h) => h.local)).toBe(true);
    expect(hits[3].retryAfterSeconds).toBeGreaterThan(800);
    // Another target has its own count.
    expect((await limiter.hit('consumer.code-target', 'link-2', 3, 900, 'local')).allowed).toBe(true);
  });

  it("'open' limits (an API key's quota) let requests through", async () => {
    const limiter = new RateLimiter(redisAway('fail'));
    for (let i = 0; i < 5; i++) expect((await limiter.hit('api-key.quota', 'k', 1, 60, 'open')).allowed).toBe(true);
  });
});
