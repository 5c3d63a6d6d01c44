import type { ComponentChildren } from 'preact';
import { Layout } from '../web/layout.js';
import type { PageContext } from '../web/page-context.js';
import { DEMO_CLIENT_PATH } from './demo-client.js';

// The demo client's pages (issue 16): Portico's frame, so they read and work like every other
// page (one h1, landmarks, 390 px), with "Company Benefits" as the application's own name.

export type DemoClientProblem = 'expired' | 'denied' | 'refused' | 'unreachable';

function Card({ ctx, heading, children }: { ctx: PageContext; heading: string; children: ComponentChildren }) {
  return (
    <Layout ctx={ctx} title={ctx.t.demoClient.title}>
      <div class="auth-layout">
        <section class="card" aria-labelledby="demo-client-heading">
          <h1 id="demo-client-heading">{heading}</h1>
          <p>{ctx.t.demoClient.demoNote}</p>
          {children}
        </section>
      </div>
    </Layout>
  );
}

export function DemoClientHome({ ctx }: { ctx: PageContext }) {
  const d = ctx.t.demoClient;
  return (
    <Card ctx={ctx} heading={d.heading}>
      <p class="lead">{d.intro}</p>
      <p>
        <a class="button button--primary" href={`${DEMO_CLIENT_PATH}/login`}>
          {d.signIn}
        </a>
      </p>
      <p>
        <a href="/">{d.backToPortico}</a>
      </p>
    </Card>
  );
}

const display = (value: unknown) => (typeof value === 'string' ? value : JSON.stringify(value));

export function DemoClientSignedIn({ ctx, claims, userInfo, signOutHref }: { ctx: PageContext; claims: Record<string, unknown>; userInfo: Record<string, unknown>; signOutHref: string }) {
  const d = ctx.t.demoClient;
  const name = typeof userInfo.name === 'string' && userInfo.name !== '' ? userInfo.name : display(claims.sub);
  return (
    <Card ctx={ctx} heading={d.signedIn(name)}>
      <p class="lead">{d.roundTrip}</p>
      <ClaimsTable ctx={ctx} caption={d.claimsCaption} values={claims} />
      <ClaimsTable ctx={ctx} caption={d.userInfoCaption} values={userInfo} />
      <Actions ctx={ctx} href={signOutHref} label={d.signOut} />
    </Card>
  );
}

/** The page's next step, and the way back to Portico. */
function Actions({ ctx, href, label }: { ctx: PageContext; href: string; label: string }) {
  return (
    <p>
      <a class="button button--primary" href={href}>
        {label}
      </a>{' '}
      <a class="button" href="/">
        {ctx.t.demoClient.backToPortico}
      </a>
    </p>
  );
}

/** Two narrow columns, the claim's name as the row's header: it fits a phone without stacking. */
function ClaimsTable({ ctx, caption, values }: { ctx: PageContext; caption: string; values: Record<string, unknown> }) {
  const d = ctx.t.demoClient;
  return (
    <div class="table-wrap">
      <table class="data-table">
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{d.claim}</th>
            <th scope="col">{d.value}</th>
          </tr>
        </thead>
        <tbody>
          {Object.entries(values).map(([claim, value]) => (
            <tr key={claim}>
              <th scope="row">
                <code>{claim}</code>
              </th>
              <td>
                <code>{display(value)}</code>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export function DemoClientError({ ctx, problem, code }: { ctx: PageContext; problem: DemoClientProblem; code: string | null }) {
  const d = ctx.t.demoClient;
  return (
    <Card ctx={ctx} heading={d.errorTitle}>
      <p class="notice notice--error" role="alert">
        {d.problems[problem]} {code ? <code>{code}</code> : null}
      </p>
      <Actions ctx={ctx} href={DEMO_CLIENT_PATH} label={d.tryAgain} />
    </Card>
  );
}
