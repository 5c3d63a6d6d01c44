import { ErrorSummary } from '../../web/components/error-summary.js';
import { controlAria, Field, FieldFrame, TextAreaField } from '../../web/components/field.js';
import type { FormErrors } from '../../web/components/form-errors.js';
import { PostForm } from '../../web/components/post-form.js';
import { Layout } from '../../web/layout.js';
import type { PageContext } from '../../web/page-context.js';
import { HELP_CATEGORIES } from '../../storage/repositories/help-requests.js';
import { HELP_LIMITS } from './submit.js';
import type { Messages } from '../../web/messages/en.js';
import type { HelpConfirmation } from './confirmation.js';

// HELP-1 / HELP-2 pages (SPEC §14.1): public, one h1 each, content from the catalogue.

export const HELP_TOPICS = ['reset-password', 'registration', 'mfa', 'troubleshooting'] as const;
export type HelpTopic = (typeof HELP_TOPICS)[number];

export function isHelpTopic(value: string): value is HelpTopic {
  return (HELP_TOPICS as readonly string[]).includes(value);
}

export function HelpIndexView({ ctx }: { ctx: PageContext }) {
  const h = ctx.t.help;
  return (
    <Layout ctx={ctx} title={h.title}>
      <section class="card" aria-labelledby="page-heading">
        <h1 id="page-heading">{h.title}</h1>
        <p class="lead">{h.intro}</p>
        <h2>{h.topicsHeading}</h2>
        <ul class="link-list">
          {HELP_TOPICS.map((topic) => (
            <li key={topic}>
              <a href={`/help/${topic}`}>{h.topics[topic].title}</a>
              <p class="hint">{h.topics[topic].summary}</p>
            </li>
          ))}
          <li>
            <a href="/help/contact">{h.contactLink}</a>
            <p class="hint">{h.contactSummary}</p>
          </li>
        </ul>
      </section>
    </Layout>
  );
}

export function HelpTopicView({ ctx, topic }: { ctx: PageContext; topic: HelpTopic }) {
  const h = ctx.t.help;
  const content = h.topics[topic];
  return (
    <Layout ctx={ctx} title={content.title}>
      <article class="card" aria-labelledby="page-heading">
        <p class="back-link">
          <a href="/help">{h.backToHelp}</a>
        </p>
        <h1 id="page-heading">{content.title}</h1>
        <p class="lead">{content.summary}</p>
        {content.sections.map((section) => (
          <section key={section.heading}>
            <h2>{section.heading}</h2>
            {section.paragraphs.map((text) => (
              <p key={text}>{text}</p>
            ))}
            {section.items ? (
              <ul>
                {section.items.map((item) => (
                  <li key={item}>{item}</li>
                ))}
              </ul>
            ) : null}
          </section>
        ))}
        <p>
          <a href="/help/contact">{h.contactLink}</a>
        </p>
      </article>
    </Layout>
  );
}

export interface HelpFormValues {
  employeeId: string;
  name: string;
  contact: string;
  category: string;
  description: string;
}

export const EMPTY_HELP_FORM: HelpFormValues = { employeeId: '', name: '', contact: '', category: '', description: '' };

interface ContactProps {
  ctx: PageContext;
  values: HelpFormValues;
  errors: FormErrors | null;
  /** Set once the request is stored, with what became of its confirmation (HELP-2). */
  reference?: string | null;
  confirmation?: HelpConfirmation;
}

/** The thank-you line says where the reference went, or why it went nowhere (HELP-2's limits). */
function sentLine(c: Messages['help']['contact'], reference: string, confirmation: HelpConfirmation): string {
  if (confirmation === 'outside_dialling_plan') return c.sentNoSms(reference);
  if (confirmation === 'daily_limit') return c.sentNotAgain(reference);
  return c.sent(reference);
}

export function HelpContactView({ ctx, values, errors, reference, confirmation = 'sent' }: ContactProps) {
  const h = ctx.t.help;
  const c = h.contact;
  const title = reference ? c.sentTitle : errors ? ctx.t.wizard.errorTitle(c.title) : c.title;
  return (
    <Layout ctx={ctx} title={title}>
      <section class="card" aria-labelledby="page-heading">
        <p class="back-link">
          <a href="/help">{h.backToHelp}</a>
        </p>
        <h1 id="page-heading">{reference ? c.sentTitle : c.title}</h1>
        {reference ? (
          <div class="notice notice--success" role="status">
            <p>{sentLine(c, reference, confirmation)}</p>
            <p>{c.sentNext}</p>
          </div>
        ) : (
          <>
            {errors ? <ErrorSummary ctx={ctx} errors={errors} /> : null}
            <p class="lead">{c.intro}</p>
          </>
        )}
        <h2>{c.centreHeading}</h2>
        <dl class="details">
          <dt>{c.phoneLabel}</dt>
          <dd>
            <a href={`tel:${c.phone.replace(/-/g, '')}`}>{c.phone}</a>
          </dd>
          <dt>{c.ttyLabel}</dt>
          <dd>{c.tty}</dd>
          <dt>{c.hoursLabel}</dt>
          <dd>{c.hours}</dd>
        </dl>
        {reference ? null : <HelpForm ctx={ctx} values={values} errors={errors} />}
      </section>
    </Layout>
  );
}

function HelpForm({ ctx, values, errors }: { ctx: PageContext; values: HelpFormValues; errors: FormErrors | null }) {
  const c = ctx.t.help.contact;
  return (
    <>
      <h2>{c.formHeading}</h2>
      <PostForm ctx={ctx} action="/help/contact" submit={c.submit}>
        <Field errors={errors} id="employeeId" name="employeeId" label={c.employeeId} hint={c.employeeIdHint} value={values.employeeId} inputMode="numeric" autocomplete="off" maxLength={HELP_LIMITS.employeeId} />
        <Field errors={errors} id="name" name="name" label={c.name} value={values.name} autocomplete="name" required maxLength={HELP_LIMITS.name} />
        <Field errors={errors} id="contact" name="contact" label={c.contact} hint={c.contactHint} value={values.contact} required maxLength={HELP_LIMITS.contact} />
        <FieldFrame errors={errors} id="category" label={c.category}>
          <select id="category" name="category" required {...controlAria({ errors, id: 'category' })}>
            <option value="" selected={values.category === ''}>
              —
            </option>
            {HELP_CATEGORIES.map((category) => (
              <option key={category} value={category} selected={values.category === category}>
                {c.categories[category]}
              </option>
            ))}
          </select>
        </FieldFrame>
        <TextAreaField
          errors={errors}
          id="description"
          name="description"
          label={c.description}
          hint={c.descriptionHint(HELP_LIMITS.description)}
          rows={6}
          required
          maxLength={HELP_LIMITS.description}
          value={values.description}
        />
      </PostForm>
    </>
  );
}
