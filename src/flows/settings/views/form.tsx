import type { ComponentChildren } from 'preact';
import { Layout } from '../../../web/layout.js';
import type { PageContext } from '../../../web/page-context.js';

// Shared pieces of the Edit My Profile pages: the page frame with its one h1 and the profile's own
// navigation, an error summary that links to the fields, and fields that carry their error.

export interface FormErrors {
  /** In form order; `anchor` is the id of the control the summary links to (null: no single field). */
  summary: { anchor: string | null; message: string }[];
  /** The message next to each control, by control id. */
  fields: Record<string, string>;
}

export type ProfilePage = 'overview' | 'password' | 'sessions' | 'security';

const PAGE_PATHS: Record<ProfilePage, string> = {
  overview: '/profile',
  password: '/profile/password',
  sessions: '/profile/sessions',
  security: '/profile/security',
};

interface ProfileLayoutProps {
  ctx: PageContext;
  page: ProfilePage | null;
  title: string;
  intro: ComponentChildren;
  /** A change that just succeeded, announced politely. */
  done?: string | null;
  /** Some form on the page failed: the title starts with "Error:". */
  failed?: boolean;
  children: ComponentChildren;
}

export function ProfileLayout({ ctx, page, title, intro, done, failed, children }: ProfileLayoutProps) {
  const { t } = ctx;
  const links = t.profile.links;
  return (
    <Layout ctx={ctx} title={failed ? t.wizard.errorTitle(title) : title}>
      <section class="welcome" aria-labelledby="page-heading">
        <h1 id="page-heading">{title}</h1>
        <p class="lead">{intro}</p>
      </section>
      <nav aria-label={t.profile.pagesLabel}>
        <ul class="link-list profile-pages">
          {(Object.keys(PAGE_PATHS) as ProfilePage[]).map((key) => (
            <li key={key}>
              <a href={PAGE_PATHS[key]} aria-current={key === page ? 'page' : undefined}>
                {links[key]}
              </a>
            </li>
          ))}
        </ul>
      </nav>
      {done ? (
        <p class="notice notice--success" role="status">
          {done}
        </p>
      ) : null}
      {children}
    </Layout>
  );
}

export function ErrorSummary({ ctx, errors, level = 2 }: { ctx: PageContext; errors: FormErrors; level?: 2 | 3 }) {
  const Heading = level === 2 ? 'h2' : 'h3';
  return (
    <div class="error-summary notice notice--error" role="alert">
      <Heading>{ctx.t.wizard.errorSummary}</Heading>
      <ul>
        {errors.summary.map((item) => (
          <li key={`${item.anchor ?? ''}${item.message}`}>{item.anchor ? <a href={`#${item.anchor}`}>{item.message}</a> : item.message}</li>
        ))}
      </ul>
    </div>
  );
}

export function errorId(id: string): string {
  return `${id}-error`;
}

export function FieldError({ errors, id }: { errors: FormErrors | null; id: string }) {
  const message = errors?.fields[id];
  if (!message) return null;
  return (
    <p class="field-error notice notice--error" id={errorId(id)}>
      {message}
    </p>
  );
}

/** Ids joined for aria-describedby, or nothing. */
export function describedBy(...ids: (string | null | undefined | false)[]): string | undefined {
  const present = ids.filter((id): id is string => typeof id === 'string' && id.length > 0);
  return present.length > 0 ? present.join(' ') : undefined;
}

interface FieldProps {
  errors: FormErrors | null;
  /** Control id; unique on the page. */
  id: string;
  /** Form field name (what the server reads). */
  name: string;
  label: string;
  hint?: string | undefined;
  describedByExtra?: string;
  type?: 'text' | 'email' | 'tel' | 'password';
  value?: string;
  autocomplete?: string;
  inputMode?: 'numeric' | 'email' | 'tel' | 'text';
  maxLength?: number;
}

/** A labelled input with its hint and error above it, both announced with the field. Passwords are never echoed. */
export function Field(props: FieldProps) {
  const { errors, id, hint } = props;
  const hintId = hint ? `${id}-hint` : null;
  const error = errors?.fields[id];
  return (
    <div class="field">
      <label for={id}>{props.label}</label>
      {hint ? (
        <p class="hint" id={hintId ?? undefined}>
          {hint}
        </p>
      ) : null}
      <FieldError errors={errors} id={id} />
      <input
        id={id}
        name={props.name}
        // preact types each input type apart; these attributes suit all four.
        // eslint-disable-next-line @typescript-eslint/no-unnecessary-type-assertion
        type={(props.type ?? 'text') as 'text'}
        value={props.type === 'password' ? undefined : (props.value ?? '')}
        autocomplete={props.autocomplete}
        inputMode={props.inputMode}
        autocapitalize={props.type === 'text' || props.type === undefined ? undefined : 'none'}
        spellcheck={props.type === 'password' || props.type === 'email' ? false : undefined}
        maxLength={props.maxLength}
        aria-invalid={error ? 'true' : undefined}
        aria-describedby={describedBy(hintId, props.describedByExtra, error ? errorId(id) : null)}
      />
    </div>
  );
}

/** A form posting to `action` with the CSRF token (SPEC §14.2); the server checks everything. */
export function PostForm({ ctx, action, submit, secondary, children }: { ctx: PageContext; action: string; submit: string; secondary?: boolean; children?: ComponentChildren }) {
  return (
    <form method="post" action={action} class="form" novalidate>
      <input type="hidden" name="_csrf" value={ctx.csrfToken} />
      {children}
      <button type="submit" class={secondary ? 'button button--block' : 'button button--primary button--block'}>
        {submit}
      </button>
    </form>
  );
}
