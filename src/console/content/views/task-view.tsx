import { STATUSES } from '../../../identity/eligibility.js';
import type { listRecentTasks } from '../../../storage/repositories/content/tasks.js';
import { LIMITS } from '../content-rules.js';
import { OTHER_LANGUAGES } from '../check-translations.js';
import { audienceText, ContentFrame, ItemTable, languagesOf, type ContentPageProps } from './content-frame.js';
import { LanguageFieldset } from './language-fieldset.js';
import { ChoiceGroup, Input, list, text, TextArea } from './form-controls.js';

// HOME-3: `/admin/tasks`. A task is for one employee (by Employee ID) or for a group chosen by
// country and status; choosing "group" with nothing ticked reaches everyone. The title and
// description in English, and optionally in each other language.

type TaskRow = Awaited<ReturnType<typeof listRecentTasks>>[number];

type TaskPageProps = ContentPageProps<TaskRow>;

export function TaskPage({ ctx, settings, values, errors, notice, items }: TaskPageProps) {
  const c = ctx.t.consoleContent;
  const k = c.tasks;
  const rows = items.map((task) => [task.title, languagesOf(task), task.assigneeId ?? audienceText(ctx, task.countries, task.statuses), task.dueOn ?? c.none, String(task.doneCount), task.ref ?? '']);
  return (
    <ContentFrame
      ctx={ctx}
      texts={k}
      action="/admin/tasks"
      errors={errors}
      notice={notice}
      form={
        <>
          <Input errors={errors} id="title" label={k.titleLabel} value={text(values, 'title')} maxLength={LIMITS.title} />
          <TextArea errors={errors} id="description" label={k.descriptionLabel} hint={k.descriptionHint} value={text(values, 'description')} maxLength={LIMITS.text} />
          {OTHER_LANGUAGES.map((language) => (
            <LanguageFieldset key={language} language={language} hint={c.translationHint}>
              <Input errors={errors} id={`title-${language}`} label={k.titleLabel} value={text(values, `title-${language}`)} maxLength={LIMITS.title} />
              <TextArea errors={errors} id={`description-${language}`} label={k.descriptionLabel} value={text(values, `description-${language}`)} maxLength={LIMITS.text} />
            </LanguageFieldset>
          ))}
          <Input errors={errors} id="dueOn" type="date" label={k.dueOnLabel} hint={c.dateHint} value={text(values, 'dueOn')} />
          <ChoiceGroup
            errors={errors}
            id="audience"
            label={k.audienceLegend}
            multiple={false}
            selected={list(values, 'audience')}
            options={[
              ['employee', k.audienceEmployee],
              ['group', k.audienceGroup],
            ]}
          />
          <Input errors={errors} id="assigneeId" label={k.assigneeLabel} hint={k.assigneeHint} value={text(values, 'assigneeId')} inputMode="numeric" maxLength={40} />
          <ChoiceGroup
            errors={errors}
            id="countries"
            label={c.countriesLegend}
            hint={k.groupHint}
            multiple
            selected={list(values, 'countries')}
            options={settings.allowedCountries.map((code) => [code, c.countryNames[code] ?? code])}
          />
          <ChoiceGroup
            errors={errors}
            id="statuses"
            label={c.statusesLegend}
            hint={k.groupHint}
            multiple
            selected={list(values, 'statuses')}
            options={STATUSES.map((code) => [code, c.statusNames[code] ?? code])}
          />
          <Input errors={errors} id="ref" label={c.refLabel} hint={c.refHint} value={text(values, 'ref')} maxLength={LIMITS.ref} />
        </>
      }
      list={<ItemTable ctx={ctx} columns={[k.columns.title, c.languagesColumn, k.columns.audience, k.columns.due, k.columns.done, k.columns.ref]} rows={rows} />}
    />
  );
}
