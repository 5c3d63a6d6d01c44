// LOGIN-8: argon2id off the event loop, with a bound on concurrent hashes and on the queue.
import { describe, expect, it } from 'vitest';
import { PasswordHasher } from './hashing.js';
import { AppError } from '../core/errors.js';

const PARAMS = { memoryCost: 19456, timeCost: 2, parallelism: 1 };

describe('PasswordHasher', () => {
  it('hashes with argon2id and the configured parameters, and verifies', async () => {
    const hasher = new PasswordHasher(PARAMS, 2);
    const stored = await hasher.hash('Secret2026');
    expect(stored).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    expect(await hasher.verify(stored, 'Secret2026')).toBe(true);
    expect(await hasher.verify(stored, 'secret2026')).toBe(false);
    expect(await hasher.verify('not-a-hash', 'x')).toBe(false);
    expect(hasher.needsRehash(stored)).toBe(false);
    expect(new PasswordHasher({ ...PARAMS, timeCost: 3 }).needsRehash(stored)).toBe(true);
  });

  it('never runs more hashes at once than its concurrency, and keeps the event loop free', async () => {
    const hasher = new PasswordHasher(PARAMS, 2);
    const stored = await hasher.hash('Secret2026');
    let peak = 0;
    let lagMax = 0;
    let last = performance.now();
    const ticker = setInterval(() => {
      const now = performance.now();
      lagMax = Math.max(lagMax, now - last - 5);
      last = now;
      peak = Math.max(peak, hasher.load().running);
    }, 5);
    await Promise.all(Array.from({ length: 12 }, () => hasher.verify(stored, 'Secret2026')));
    clearInterval(ticker);
    expect(peak).toBe(2);
    expect(hasher.load()).toEqual({ running: 0, waiting: 0 });
    // Each verify takes several milliseconds; none of them may hold the event loop that long.
    expect(lagMax).toBeLessThan(50);
  });

  it('refuses work beyond the queue bound with 503 UNAVAILABLE instead of piling it up', async () => {
    const hasher = new PasswordHasher(PARAMS, 1, 3);
    const stored = await hasher.hash('Secret2026');
    const results = await Promise.allSettled(Array.from({ length: 10 }, () => hasher.verify(stored, 'Secret2026')));
    const refused = results.filter((r) => r.status === 'rejected');
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(4);
    expect(refused).toHaveLength(6);
    for (const r of refused) expect((r).reason).toBeInstanceOf(AppError);
    expect(((refused[0] as PromiseRejectedResult).reason as AppError).code).toBe('UNAVAILABLE');
  });
});
