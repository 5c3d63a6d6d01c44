import { randomInt } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database } from '../schema.js';

// Send budgets per key in a sliding window, exact under parallel requests and across instances:
// RECOV-11 (links and codes per account and per client), MFA-2's count of codes per window, SSO
// starts per client. The table keeps its first name, `recovery_send_slots`.

export type SlotClaim = { allowed: true; slot: number } | { allowed: false; retryAfterMs: number };

/**
 * RECOV-11: at most `limit` sends per key in any `windowMs`. The key has `limit` slots, each
 * holding the time of the send that used it; a send takes a slot whose time is older than the
 * window with a compare-and-set, so parallel requests and instances never take more than `limit`.
 */
export async function claimSendSlot(db: Kysely<Database>, key: string, limit: number, windowMs: number, now: number): Promise<SlotClaim> {
  const freeBefore = now - windowMs;
  for (let round = 0; round <= limit; round++) {
    let slots = await db.selectFrom('recovery_send_slots').select(['slot', 'used_at']).where('key', '=', key).where('slot', '<', limit).execute();
    if (slots.length < limit) {
      const missing = Array.from({ length: limit }, (_, slot) => slot).filter((slot) => !slots.some((s) => s.slot === slot));
      await db
        .insertInto('recovery_send_slots')
        .values(missing.map((slot) => ({ key, slot, used_at: 0 })))
        .onConflict((oc) => oc.columns(['key', 'slot']).doNothing())
        .execute();
      slots = [...slots, ...missing.map((slot) => ({ slot, used_at: 0 }))];
    }
    const free = slots.filter((s) => Number(s.used_at) <= freeBefore);
    if (free.length === 0) {
      const oldest = Math.min(...slots.map((s) => Number(s.used_at)));
      return { allowed: false, retryAfterMs: Math.max(1000, oldest + windowMs - now) };
    }
    // A random free slot, so parallel claims rarely collide; a lost race tries again.
    const pick = free[randomInt(free.length)]!;
    const taken = await db
      .updateTable('recovery_send_slots')
      .set({ used_at: now })
      .where('key', '=', key)
      .where('slot', '=', pick.slot)
      .where('used_at', '=', pick.used_at)
      .executeTakeFirst();
    if (Number(taken.numUpdatedRows) === 1) return { allowed: true, slot: pick.slot };
  }
  return { allowed: false, retryAfterMs: windowMs };
}

/** Gives a claimed slot back (nothing was sent after all). */
export async function releaseSendSlot(db: Kysely<Database>, key: string, slot: number, claimedAt: number): Promise<void> {
  await db.updateTable('recovery_send_slots').set({ used_at: 0 }).where('key', '=', key).where('slot', '=', slot).where('used_at', '=', claimedAt).execute();
}
