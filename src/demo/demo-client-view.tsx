import type { ComponentChildren } from 'preact';
import { Layout } from '../web/layout.js';
import type { PageContext } from '../web/page-context.js';
import { StackTable } from '../web/components/stack-table.js';
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
  const rows = (values: Record<string, unknown>) =>
    Object.entries(values).map(([claim, value]) => ({ key: claim, cells: [<code>{claim}</code>, <code>{display(value)}</code>] }));
  return (
    <Card ctx={ctx} heading={d.signedIn(name)}>
      <p class="lead">{d.roundTrip}</p>
      <StackTable columns={[d.claim, { label: d.value, long: true }]} rows={rows(claims)} caption={d.claimsCaption} />
      <StackTable columns={[d.claim, { label: d.value, long: true }]} rows={rows(userInfo)} caption={d.userInfoCaption} />
      <p>
        <a class="button button--primary" href={signOutHref}>
          {d.signOut}
        </a>{' '}
        <a class="button" href="/">
          {d.backToPortico}
        </a>
      </p>
    </Card>
  );
}

export function DemoClientError({ ctx, problem, code }: { ctx: PageContext; problem: DemoClientProblem; code: string | null }) {
  const d = ctx.t.demoClient;
  return (
    <Card ctx={ctx} heading={d.errorTitle}>
      <p class="notice notice--error" role="alert">
        {d.problems[problem]} {code ? <code>{code}</code> : null}
      </p>
      <p>
        <a class="button button--primary" href={DEMO_CLIENT_PATH}>
          {d.tryAgain}
        </a>{' '}
        <a class="button" href="/">
          {d.backToPortico}
        </a>
      </p>
    </Card>
  );
}
