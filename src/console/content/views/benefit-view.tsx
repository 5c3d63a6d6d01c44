import { BENEFIT_CATEGORIES, type Benefit } from '../../../storage/repositories/content/benefits.js';
import { LIMITS } from '../content-rules.js';
import { OTHER_LANGUAGES } from '../check-translations.js';
import { ContentFrame, ItemTable, languagesOf, type ContentPageProps } from './content-frame.js';
import { LanguageFieldset } from './language-fieldset.js';
import { Input, Select, text } from './form-controls.js';

// HOME-1..3: `/admin/benefits`. A plan of an employee on the roster, when it is in force, and the
// next enrolment window (both dates or neither). The plan name and coverage in English, and
// optionally in each other language.

type BenefitPageProps = ContentPageProps<Benefit>;

export function BenefitPage({ ctx, values, errors, notice, items }: BenefitPageProps) {
  const c = ctx.t.consoleContent;
  const k = c.benefits;
  const span = (from: string | null, to: string | null) => (from === null ? c.none : `${from} – ${to ?? '…'}`);
  const rows = items.map((plan) => [
    plan.employeeId,
    plan.plan,
    languagesOf(plan),
    k.categoryNames[plan.category] ?? plan.category,
    plan.coverage,
    span(plan.startsOn, plan.endsOn),
    span(plan.enrolmentOpensOn, plan.enrolmentClosesOn),
    plan.ref ?? '',
  ]);
  const columns = [k.columns.employee, k.columns.plan, c.languagesColumn, k.columns.category, k.columns.coverage, k.columns.inForce, k.columns.enrolment, k.columns.ref];
  return (
    <ContentFrame
      ctx={ctx}
      texts={k}
      action="/admin/benefits"
      errors={errors}
      notice={notice}
      form={
        <>
          <Input errors={errors} id="employeeId" label={k.employeeLabel} value={text(values, 'employeeId')} inputMode="numeric" maxLength={40} />
          <Input errors={errors} id="plan" label={k.planLabel} value={text(values, 'plan')} maxLength={LIMITS.line} />
          <Select
            errors={errors}
            id="category"
            label={k.categoryLabel}
            choose={k.categoryChoose}
            value={text(values, 'category')}
            options={BENEFIT_CATEGORIES.map((code) => [code, k.categoryNames[code] ?? code])}
          />
          <Input errors={errors} id="coverage" label={k.coverageLabel} hint={k.coverageHint} value={text(values, 'coverage')} maxLength={LIMITS.line} />
          {OTHER_LANGUAGES.map((language) => (
            <LanguageFieldset key={language} language={language} hint={c.translationHint}>
              <Input errors={errors} id={`plan-${language}`} label={k.planLabel} value={text(values, `plan-${language}`)} maxLength={LIMITS.line} />
              <Input errors={errors} id={`coverage-${language}`} label={k.coverageLabel} value={text(values, `coverage-${language}`)} maxLength={LIMITS.line} />
            </LanguageFieldset>
          ))}
          <Input errors={errors} id="startsOn" type="date" label={k.startsOnLabel} hint={k.startsOnHint} value={text(values, 'startsOn')} />
          <Input errors={errors} id="endsOn" type="date" label={k.endsOnLabel} hint={c.dateHint} value={text(values, 'endsOn')} />
          <fieldset class="field">
            <legend>{k.enrolmentLegend}</legend>
            <p class="hint">{k.enrolmentHint}</p>
            <Input errors={errors} id="enrolmentOpensOn" type="date" label={k.enrolmentOpensOnLabel} hint={c.dateHint} value={text(values, 'enrolmentOpensOn')} />
            <Input errors={errors} id="enrolmentClosesOn" type="date" label={k.enrolmentClosesOnLabel} hint={c.dateHint} value={text(values, 'enrolmentClosesOn')} />
          </fieldset>
          <Input errors={errors} id="ref" label={c.refLabel} hint={c.refHint} value={text(values, 'ref')} maxLength={LIMITS.ref} />
        </>
      }
      list={<ItemTable ctx={ctx} columns={columns} rows={rows} />}
    />
  );
}
