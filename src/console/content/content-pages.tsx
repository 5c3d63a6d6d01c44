import type { FastifyReply, FastifyRequest } from 'fastify';
import type { AppDeps } from '../../core/deps.js';
import { pageContext } from '../../app/request-context.js';
import { formFields, type FormBody } from '../../web/form-body.js';
import { LANGUAGES } from '../../web/i18n.js';
import { sendPage } from '../../app/render-page.js';
import { listAllNews } from '../../storage/repositories/content/news.js';
import { listRecentTasks } from '../../storage/repositories/content/tasks.js';
import { listRecentReviews } from '../../storage/repositories/content/reviews.js';
import { listRecentBenefits } from '../../storage/repositories/content/benefits.js';
import type { Problem } from './content-rules.js';
import { checkContent, publishAs } from './content-api.js';
import type { ContentKind } from './save-content.js';
import { OTHER_LANGUAGES, TRANSLATED_TEXTS } from './check-translations.js';
import { translationControl, translationsFromForm, typedLanguages } from './form-translations.js';
import { REVIEW_FIELDS } from './validate-review.js';
import { BENEFIT_FIELDS } from './validate-benefit.js';
import { BenefitPage } from './views/benefit-view.js';
import { list, text, toFormErrors, type FormValues } from './views/form-controls.js';
import { NewsPage } from './views/news-view.js';
import { ReviewPage } from './views/review-view.js';
import { TaskPage } from './views/task-view.js';

// HOME-3 in the console (`/admin/news|tasks|reviews|benefits`), usable without JavaScript: the
// form is turned into the API's input and checked by the same validators. A save redirects (303)
// back saying so; problems re-show the form, with what was typed, as 400.

const LIST_LIMIT = 20;

/** The texts each kind has per language (news: every language; the others: the other languages). */
const TEXTS: Record<ContentKind, readonly string[]> = {
  news: ['title', 'body'],
  ...TRANSLATED_TEXTS,
};

/** The languages a form sends: for news English always, and any other language something was typed in. */
function formLanguages(kind: ContentKind, values: FormValues): string[] {
  return kind === 'news' ? typedLanguages(values, LANGUAGES, TEXTS.news, 'en') : typedLanguages(values, OTHER_LANGUAGES, TEXTS[kind]);
}

/** The API's input for a form, with `translations` for the languages something was typed in. */
function formToInput(kind: ContentKind, values: FormValues): Record<string, unknown> {
  const pick = (names: readonly string[]) => Object.fromEntries(names.filter((name) => name !== 'translations').map((name) => [name, text(values, name)]));
  const translations = translationsFromForm(values, formLanguages(kind, values), TEXTS[kind]);
  switch (kind) {
    case 'news':
      return { ref: text(values, 'ref'), countries: list(values, 'countries'), publishedAt: text(values, 'publishedAt'), translations };
    case 'tasks':
      return { ...pick(['ref', 'title', 'description', 'dueOn', 'audience', 'assigneeId']), countries: list(values, 'countries'), statuses: list(values, 'statuses'), translations };
    case 'reviews':
      return { ...pick(REVIEW_FIELDS), translations };
    case 'benefits':
      return { ...pick(BENEFIT_FIELDS), translations };
  }
}

/** The form control a problem belongs to (translations are controls per language). */
function controlFor(kind: ContentKind, values: FormValues): (field: string) => string {
  return translationControl(formLanguages(kind, values), TEXTS[kind]);
}

export function createContentPages(deps: AppDeps) {
  const { db } = deps.storage;

  async function render(kind: ContentKind, request: FastifyRequest, reply: FastifyReply, values: FormValues, problems: Problem[] | null) {
    const ctx = pageContext(request, reply, deps.config);
    const { allowedCountries, timeZone } = deps.config;
    const settings = { allowedCountries, timeZone, now: deps.clock.now() };
    const errors = problems ? toFormErrors(ctx.t, problems, allowedCountries, controlFor(kind, values)) : null;
    const saved = (request.query as { saved?: unknown } | undefined)?.saved;
    const outcome = problems === null && (saved === 'created' || saved === 'updated') ? saved : null;
    const c = ctx.t.consoleContent;
    const status = problems ? 400 : 200;
    switch (kind) {
      case 'news': {
        const notice = outcome && c.news[outcome === 'created' ? 'saved' : 'updated'];
        return sendPage(reply, <NewsPage ctx={ctx} settings={settings} values={values} errors={errors} notice={notice} items={await listAllNews(db, LIST_LIMIT)} />, status);
      }
      case 'tasks': {
        const notice = outcome && c.tasks[outcome === 'created' ? 'saved' : 'updated'];
        return sendPage(reply, <TaskPage ctx={ctx} settings={settings} values={values} errors={errors} notice={notice} items={await listRecentTasks(db, LIST_LIMIT)} />, status);
      }
      case 'reviews': {
        const notice = outcome && c.reviews[outcome === 'created' ? 'saved' : 'updated'];
        return sendPage(reply, <ReviewPage ctx={ctx} settings={settings} values={values} errors={errors} notice={notice} items={await listRecentReviews(db, LIST_LIMIT)} />, status);
      }
      case 'benefits': {
        const notice = outcome && c.benefits[outcome === 'created' ? 'saved' : 'updated'];
        return sendPage(reply, <BenefitPage ctx={ctx} settings={settings} values={values} errors={errors} notice={notice} items={await listRecentBenefits(db, LIST_LIMIT)} />, status);
      }
    }
  }

  const show = (kind: ContentKind) => async (request: FastifyRequest, reply: FastifyReply) => render(kind, request, reply, kind === 'tasks' ? { audience: 'employee' } : {}, null);

  /** POST: checks and saves, then back to the page (303) saying what happened. */
  const submit = (kind: ContentKind) => async (request: FastifyRequest, reply: FastifyReply) => {
    const values: FormValues = formFields(request.body as FormBody);
    const checked = await checkContent(deps, kind, formToInput(kind, values));
    if (!checked.ok) return render(kind, request, reply, values, checked.problems);
    const saved = await publishAs(deps, request, checked.value);
    return reply.redirect(`/admin/${kind}?saved=${saved.created ? 'created' : 'updated'}`, 303);
  };

  return {
    showNews: show('news'),
    submitNews: submit('news'),
    showTasks: show('tasks'),
    submitTasks: submit('tasks'),
    showReviews: show('reviews'),
    submitReviews: submit('reviews'),
    showBenefits: show('benefits'),
    submitBenefits: submit('benefits'),
  };
}
