import type { PageContext } from '../../../web/page-context.js';

// HELP-7: the place of caller verification on the account page, before the actions that need it
// (issue PIN, reset MFA). For now a heading and what it is for; its forms come with the HELP-7 API.

export function VerifyCallerPanel({ ctx, employeeId }: { ctx: PageContext; employeeId: string }) {
  const v = ctx.t.console.verifyCaller;
  return (
    <section class="console-panel verify-caller" aria-labelledby="verify-caller-heading" data-employee-id={employeeId}>
      <h2 id="verify-caller-heading">{v.heading}</h2>
      <p>{v.intro}</p>
    </section>
  );
}
