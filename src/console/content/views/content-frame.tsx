import type { ComponentChildren } from 'preact';
import { ErrorSummary } from '../../../web/components/error-summary.js';
import type { FormErrors } from '../../../web/components/form-errors.js';
import { PostForm } from '../../../web/components/post-form.js';
import { StackTable } from '../../../web/components/stack-table.js';
import type { PageContext } from '../../../web/page-context.js';
import { ConsoleLayout } from '../../employees/views/console-layout.js';
import type { FormValues } from './form-controls.js';

// HOME-3: the frame every content page shares: the console's navigation and one h1, the outcome of
// the last save, the create form (with its error summary) and the list of recent items.

export interface PageSettings {
  allowedCountries: readonly string[];
  timeZone: string;
  now: number;
}

/** What every content page is given: the typed values and their problems after a refused save, the last save's notice, the recent items. */
export interface ContentPageProps<Item> {
  ctx: PageContext;
  settings: PageSettings;
  values: FormValues;
  errors: FormErrors | null;
  notice: string | null;
  items: Item[];
}

/** The texts of one kind's page (`consoleContent.news`, `.tasks`, …). */
interface FrameTexts {
  title: string;
  intro: string;
  formHeading: string;
  submit: string;
  listHeading: string;
}

interface FrameProps {
  ctx: PageContext;
  texts: FrameTexts;
  action: string;
  errors: FormErrors | null;
  notice: string | null;
  form: ComponentChildren;
  list: ComponentChildren;
}

export function ContentFrame(props: FrameProps) {
  const { ctx, errors, texts } = props;
  const c = ctx.t.consoleContent;
  return (
    <ConsoleLayout ctx={ctx} title={texts.title} failed={errors !== null} done={props.notice}>
      <p class="lead">{texts.intro}</p>
      <section class="card" aria-labelledby="form-heading">
        <h2 id="form-heading">{texts.formHeading}</h2>
        {errors ? <ErrorSummary ctx={ctx} errors={errors} level={3} /> : null}
        <PostForm ctx={ctx} action={props.action}>
          {props.form}
          <button type="submit" class="button button--primary">
            {texts.submit}
          </button>
        </PostForm>
        <p class="hint">{c.cliNote}</p>
      </section>
      <section aria-labelledby="list-heading">
        <h2 id="list-heading">{texts.listHeading}</h2>
        {props.list}
      </section>
    </ConsoleLayout>
  );
}

/** A table of recent items, or a line saying there are none yet. */
export function ItemTable({ ctx, columns, rows }: { ctx: PageContext; columns: string[]; rows: ComponentChildren[][] }) {
  if (rows.length === 0) return <p>{ctx.t.consoleContent.empty}</p>;
  return (
    <div class="table-wrap">
      <StackTable columns={columns} rows={rows.map((cells, index) => ({ key: index, cells }))} />
    </div>
  );
}

/** Targeting lists in words: null means everyone. */
export function audienceText(ctx: PageContext, countries: string[] | null, statuses: string[] | null = null): string {
  const c = ctx.t.consoleContent;
  const parts = [(countries ?? []).map((code) => c.countryNames[code] ?? code).join(', '), (statuses ?? []).map((code) => c.statusNames[code] ?? code).join(', ')];
  const named = parts.filter((part) => part !== '');
  return named.length > 0 ? named.join(' · ') : c.everyone;
}

/** The languages an item is written in: English (its own fields), then its translations'. */
export function languagesOf(item: { translations: readonly { language: string }[] }): string {
  return ['en', ...item.translations.map((t) => t.language)].join(', ');
}
