import { RATINGS, type Review } from '../../../storage/repositories/content/reviews.js';
import { formatMoment } from '../../../web/i18n.js';
import { LIMITS } from '../content-rules.js';
import { OTHER_LANGUAGES } from '../check-translations.js';
import { ContentFrame, ItemTable, languagesOf, type ContentPageProps } from './content-frame.js';
import { LanguageFieldset } from './language-fieldset.js';
import { Input, Select, text, TextArea } from './form-controls.js';

// HOME-3: `/admin/reviews`. A review of an employee on the roster, rated 1 to 5; the period,
// strengths and goals in English, and optionally in each other language.

type ReviewPageProps = ContentPageProps<Review>;

export function ReviewPage({ ctx, settings, values, errors, notice, items }: ReviewPageProps) {
  const c = ctx.t.consoleContent;
  const k = c.reviews;
  const rating = (value: number) => `${value} – ${k.ratingNames[String(value)] ?? ''}`;
  const rows = items.map((review) => [
    review.employeeId,
    review.period,
    languagesOf(review),
    review.reviewer,
    rating(review.rating),
    review.reviewedOn,
    review.acknowledgedAt === null ? c.none : formatMoment(review.acknowledgedAt, ctx.language, settings.timeZone),
    review.ref ?? '',
  ]);
  const columns = [k.columns.employee, k.columns.period, c.languagesColumn, k.columns.reviewer, k.columns.rating, k.columns.reviewed, k.columns.acknowledged, k.columns.ref];
  return (
    <ContentFrame
      ctx={ctx}
      texts={k}
      action="/admin/reviews"
      errors={errors}
      notice={notice}
      form={
        <>
          <Input errors={errors} id="employeeId" label={k.employeeLabel} value={text(values, 'employeeId')} inputMode="numeric" maxLength={40} />
          <Input errors={errors} id="period" label={k.periodLabel} hint={k.periodHint} value={text(values, 'period')} maxLength={LIMITS.line} />
          <Input errors={errors} id="reviewer" label={k.reviewerLabel} value={text(values, 'reviewer')} maxLength={LIMITS.line} />
          <Select errors={errors} id="rating" label={k.ratingLabel} choose={k.ratingChoose} value={text(values, 'rating')} options={RATINGS.map((value) => [String(value), rating(value)])} />
          <TextArea errors={errors} id="strengths" label={k.strengthsLabel} hint={k.textHint} value={text(values, 'strengths')} maxLength={LIMITS.text} />
          <TextArea errors={errors} id="goals" label={k.goalsLabel} hint={k.textHint} value={text(values, 'goals')} maxLength={LIMITS.text} />
          {OTHER_LANGUAGES.map((language) => (
            <LanguageFieldset key={language} language={language} hint={c.translationHint}>
              <Input errors={errors} id={`period-${language}`} label={k.periodLabel} value={text(values, `period-${language}`)} maxLength={LIMITS.line} />
              <TextArea errors={errors} id={`strengths-${language}`} label={k.strengthsLabel} value={text(values, `strengths-${language}`)} maxLength={LIMITS.text} />
              <TextArea errors={errors} id={`goals-${language}`} label={k.goalsLabel} value={text(values, `goals-${language}`)} maxLength={LIMITS.text} />
            </LanguageFieldset>
          ))}
          <Input errors={errors} id="reviewedOn" type="date" label={k.reviewedOnLabel} hint={k.reviewedOnHint} value={text(values, 'reviewedOn')} />
          <Input errors={errors} id="ref" label={c.refLabel} hint={c.refHint} value={text(values, 'ref')} maxLength={LIMITS.ref} />
        </>
      }
      list={<ItemTable ctx={ctx} columns={columns} rows={rows} />}
    />
  );
}
