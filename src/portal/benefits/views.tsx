import { Fragment } from 'preact';
import { formatDate } from '../../web/i18n.js';
import type { Messages } from '../../web/messages/en.js';
import type { PageContext } from '../../web/page-context.js';
import { langAttribute } from '../../web/reader-language.js';
import { PortalPage } from '../portal-page.js';
import { InLanguage, withSlot } from '../../web/components/in-language.js';
import type { BenefitsSummary, EnrolmentWindow, ShownBenefit } from './summary.js';

// HOME-1/2: benefit plans (plan, category, coverage, since/until) and the next enrolment window,
// saying in words whether it is open now or when it opens. HR's texts are in the reader's language
// (else English, then marked with `lang`).

export function categoryLabel(t: Messages, category: string): string {
  return (t.portal.benefits.categories as Record<string, string | undefined>)[category] ?? category;
}

export function EnrolmentNotice({ ctx, window }: { ctx: PageContext; window: EnrolmentWindow | null }) {
  const b = ctx.t.portal.benefits;
  if (!window) return <p>{b.noEnrolment}</p>;
  const day = (iso: string) => formatDate(iso, ctx.language);
  return (
    <div class={window.open ? 'enrolment enrolment--open' : 'enrolment'}>
      <p>
        <strong>{b.enrolment(day(window.opensOn), day(window.closesOn))}</strong>
      </p>
      <p>{window.open ? b.enrolmentOpen(day(window.closesOn)) : b.enrolmentUpcoming(day(window.opensOn))}</p>
      {window.plans.length > 0 ? (
        <p class="meta">
          {withSlot(
            b.enrolmentPlans,
            window.plans.map((plan, index) => (
              <Fragment key={index}>
                {index > 0 ? ', ' : null}
                <InLanguage text={plan.name} language={plan.language} page={ctx.language} />
              </Fragment>
            )),
          )}
        </p>
      ) : null}
    </div>
  );
}

function BenefitTable({ ctx, benefits, labelledBy }: { ctx: PageContext; benefits: ShownBenefit[]; labelledBy: string }) {
  const b = ctx.t.portal.benefits;
  return (
    <div class="table-wrap">
      <table class="data-table" aria-labelledby={labelledBy}>
        <thead>
          <tr>
            <th scope="col">{b.plan}</th>
            <th scope="col">{b.category}</th>
            <th scope="col">{b.coverage}</th>
            <th scope="col">{b.since}</th>
            <th scope="col">{b.until}</th>
          </tr>
        </thead>
        <tbody>
          {benefits.map((benefit) => (
            <tr key={benefit.id}>
              <th scope="row" lang={langAttribute(benefit.language, ctx.language)}>
                {benefit.plan}
              </th>
              <td data-label={b.category}>{categoryLabel(ctx.t, benefit.category)}</td>
              <td data-label={b.coverage} lang={langAttribute(benefit.language, ctx.language)}>
                {benefit.coverage}
              </td>
              <td data-label={b.since}>{formatDate(benefit.startsOn, ctx.language)}</td>
              <td data-label={b.until}>{benefit.endsOn ? formatDate(benefit.endsOn, ctx.language) : b.noEnd}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** GET /benefits */
export function BenefitsPage({ ctx, summary }: { ctx: PageContext; summary: BenefitsSummary }) {
  const b = ctx.t.portal.benefits;
  const group = (id: string, heading: string, benefits: ShownBenefit[]) => (
    <section class="card" aria-labelledby={id}>
      <h2 id={id}>{heading}</h2>
      <BenefitTable ctx={ctx} benefits={benefits} labelledBy={id} />
    </section>
  );
  return (
    <PortalPage ctx={ctx} title={b.title} intro={b.intro}>
      <section class="card" aria-labelledby="benefits-enrolment">
        <h2 id="benefits-enrolment">{b.enrolmentHeading}</h2>
        <EnrolmentNotice ctx={ctx} window={summary.nextEnrolment} />
      </section>
      {summary.current.length > 0 ? (
        group('benefits-current', b.current, summary.current)
      ) : (
        <section class="card" aria-labelledby="benefits-current">
          <h2 id="benefits-current">{b.current}</h2>
          <p>{b.noneCurrent}</p>
        </section>
      )}
      {summary.upcoming.length > 0 ? group('benefits-upcoming', b.upcoming, summary.upcoming) : null}
      {summary.ended.length > 0 ? group('benefits-ended', b.ended, summary.ended) : null}
    </PortalPage>
  );
}
