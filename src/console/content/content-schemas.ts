import { Type, type TObject } from '@sinclair/typebox';
import { STATUSES } from '../../identity/eligibility.js';
import { BENEFIT_CATEGORIES } from '../../storage/repositories/content/benefits.js';
import { LANGUAGES } from '../../web/i18n.js';
import { OTHER_LANGUAGES } from './check-translations.js';
import { LIMITS } from './content-rules.js';
import type { ContentKind } from './save-content.js';

// HOME-3: the request bodies of `POST /api/v1/admin/news|tasks|reviews|benefits`, for the OpenAPI
// document only. The routes validate with the content validators instead (validate-*.ts), which
// name every problem per field in the reader's language and also serve the forms and the CSV import.

const options = { additionalProperties: false } as const;
const ref = Type.Optional(Type.String({ pattern: '^[A-Za-z0-9._:-]{1,100}$', description: 'Upsert key: a second request with the same ref updates the item (200).' }));
const date = (description: string) => Type.String({ format: 'date', description });
const line = Type.String({ minLength: 1, maxLength: LIMITS.line });
const text = Type.String({ minLength: 1, maxLength: LIMITS.text });
const countries = Type.Optional(Type.Array(Type.String({ description: 'Country code allowed on the roster (US, CA, PR).' }), { description: 'None: every country.' }));
const employeeId = Type.String({ description: 'Employee ID on the roster (NORM-1).' });
/** The item's texts in the other languages; its own fields are the English text, which readers of a language without one see. */
const translations = (texts: Record<string, ReturnType<typeof Type.String>>) =>
  Type.Optional(
    Type.Array(Type.Object({ language: Type.Union(OTHER_LANGUAGES.map((l) => Type.Literal(l)), { description: 'Matched without regard to case; not en.' }), ...texts }, options), {
      maxItems: OTHER_LANGUAGES.length,
      description: 'At most one per language other than English; saving again by ref replaces them all.',
    }),
  );

const News = Type.Object(
  {
    ref,
    countries,
    publishedAt: Type.Optional(Type.String({ description: 'ISO date or date-time; without an offset, in the company time zone. Default: now.' })),
    translations: Type.Array(
      Type.Object({ language: Type.Union(LANGUAGES.map((l) => Type.Literal(l))), title: Type.String({ minLength: 1, maxLength: LIMITS.title }), body: Type.String({ minLength: 1, maxLength: LIMITS.body, description: 'Markdown.' }) }, options),
      { minItems: 1, maxItems: LANGUAGES.length, description: 'One per language, each language once.' },
    ),
  },
  options,
);

const Task = Type.Object(
  {
    ref,
    title: Type.String({ minLength: 1, maxLength: LIMITS.title }),
    description: Type.Optional(Type.String({ maxLength: LIMITS.text })),
    dueOn: Type.Optional(date('Due date.')),
    audience: Type.Union([Type.Literal('employee'), Type.Literal('group')], { description: '`employee`: assigneeId; `group`: everyone matching countries and statuses (none: everyone).' }),
    assigneeId: Type.Optional(employeeId),
    countries,
    statuses: Type.Optional(Type.Array(Type.Union(STATUSES.map((s) => Type.Literal(s))))),
    translations: translations({ title: Type.String({ minLength: 1, maxLength: LIMITS.title }), description: Type.String({ maxLength: LIMITS.text }) }),
  },
  options,
);

const Review = Type.Object(
  {
    ref,
    employeeId,
    period: line,
    reviewer: line,
    rating: Type.Integer({ minimum: 1, maximum: 5 }),
    strengths: text,
    goals: text,
    reviewedOn: Type.Optional(date('Default: today.')),
    translations: translations({ period: line, strengths: text, goals: text }),
  },
  options,
);

const Benefit = Type.Object(
  {
    ref,
    employeeId,
    plan: line,
    category: Type.Union(BENEFIT_CATEGORIES.map((c) => Type.Literal(c))),
    coverage: line,
    startsOn: date('First day in force.'),
    endsOn: Type.Optional(date('Last day in force, not before startsOn.')),
    enrolmentOpensOn: Type.Optional(date('With enrolmentClosesOn, or neither.')),
    enrolmentClosesOn: Type.Optional(date('Not before enrolmentOpensOn.')),
    translations: translations({ plan: line, coverage: line }),
  },
  options,
);

const BODIES: Record<ContentKind, TObject> = { news: News, tasks: Task, reviews: Review, benefits: Benefit };

export function contentDocumentedBody(kind: ContentKind) {
  return { contentType: 'application/json', schema: BODIES[kind] as unknown as Record<string, unknown> };
}
