// LOGIN-5: a wrong password takes the same time whether or not the identifier exists. This file
// runs in the "timing" project, after the rest of the suite and alone, so other tests' load
// does not blur the measurement.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { performance } from 'node:perf_hooks';
import { createTestApp, type TestApp } from '../../../test/support/test-app.js';
import { login, seedRegistered } from '../../../test/support/seed.js';
import { MINUTE } from '../../security/clock.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ env: { PORTICO_CLIENT_FAILURE_LIMIT: '100000' } });
  await seedRegistered(t.deps, { employeeId: '333333', password: 'Timing2026' });
  // Warm up both paths (first dummy hash, prepared statements) before measuring.
  await login(t.app, '333333', 'warm-up');
  await login(t.app, '444444', 'warm-up');
});
afterAll(() => t.close());

describe('sign-in timing', () => {
  it('median time of a wrong password is within 10% for known and unknown identifiers', async () => {
    const known: number[] = [];
    const unknown: number[] = [];
    const time = async (identifier: string, into: number[]) => {
      const start = performance.now();
      const response = await login(t.app, identifier, 'wrong-password');
      into.push(performance.now() - start);
      expect(response.statusCode).toBe(401);
    };
    for (let i = 0; i < 100; i++) {
      // Each round starts after the lock has expired, so every try is a real, hashed evaluation.
      t.clock.advance(16 * MINUTE);
      if (i % 2 === 0) {
        await time('333333', known);
        await time('444444', unknown);
      } else {
        await time('444444', unknown);
        await time('333333', known);
      }
    }
    const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
    const ratio = median(known) / median(unknown);
    expect(ratio).toBeGreaterThan(0.9);
    expect(ratio).toBeLessThan(1.1);
  }, 120_000);
});
