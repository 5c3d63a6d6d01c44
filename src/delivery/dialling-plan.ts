// The countries Portico serves (US, Canada, Puerto Rico: ELIG-4 allows no others) share the North
// American dialling plan, `+1` and ten digits (NPA-NXX-XXXX, neither part starting with 0 or 1).
// Texts that anyone can trigger go only to such numbers, so nobody runs up SMS charges abroad (HELP-2).
const NANP = /^\+1[2-9]\d{2}[2-9]\d{6}$/;

/** Whether an E.164 number is in the allowed countries' dialling plan (`+1`). */
export function inAllowedDiallingPlan(e164: string): boolean {
  return NANP.test(e164);
}
