import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';

// LOGIN-4/LOGIN-6: when every slot of a counter is claimed by attempts still being checked, a
// further attempt is neither refused (those attempts may all succeed) nor evaluated (they may all
// fail): it waits until they settle. The wait is in real time, not the injected Clock: it measures
// how long other requests take, which a test's fake clock does not move.

/** How long an attempt waits for others in flight before the request gives up ("try again in a moment"). */
export const CLAIM_WAIT_MS = 5_000;
const FIRST_PAUSE_MS = 2;
const LONGEST_PAUSE_MS = 50;

/** Tries `attempt` until its outcome is not `busy`, or `maxWaitMs` have passed (then the last `busy`). */
export async function waitWhileBusy<T extends { outcome: string }>(attempt: () => Promise<T>, maxWaitMs = CLAIM_WAIT_MS): Promise<T> {
  const deadline = performance.now() + maxWaitMs;
  let pause = FIRST_PAUSE_MS;
  for (;;) {
    const claim = await attempt();
    if (claim.outcome !== 'busy' || performance.now() >= deadline) return claim;
    // Jitter keeps a crowd of waiters from retrying in step.
    await sleep(pause / 2 + Math.random() * pause);
    pause = Math.min(pause * 2, LONGEST_PAUSE_MS);
  }
}
