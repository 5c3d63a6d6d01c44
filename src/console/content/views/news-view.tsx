import { LANGUAGES } from '../../../web/i18n.js';
import type { PageContext } from '../../../web/page-context.js';
import type { NewsItem } from '../../../storage/repositories/content/news.js';
import { renderMarkdown } from '../../../portal/news/markdown.js';
import { formatMoment } from '../../../web/i18n.js';
import { pickLanguage } from '../../../web/reader-language.js';
import { LIMITS } from '../content-rules.js';
import { audienceText, ContentFrame, ItemTable, type ContentPageProps, type PageSettings } from './content-frame.js';
import { ChoiceGroup, Input, list, text, TextArea } from './form-controls.js';
import { LanguageFieldset } from './language-fieldset.js';

// HOME-2/3: `/admin/news`. One title and text per language (English required, the others
// optional), the countries, and when to publish; the article written last is previewed as readers see it.

type NewsPageProps = ContentPageProps<NewsItem>;

export function NewsPage({ ctx, settings, values, errors, notice, items }: NewsPageProps) {
  const c = ctx.t.consoleContent;
  const n = c.news;
  return (
    <ContentFrame
      ctx={ctx}
      texts={n}
      action="/admin/news"
      errors={errors}
      notice={notice}
      form={
        <>
          {LANGUAGES.map((language) => (
            <LanguageFieldset key={language} language={language} hint={language === 'en' ? null : n.optionalLanguage}>
              <Input errors={errors} id={`title-${language}`} label={n.titleLabel} value={text(values, `title-${language}`)} maxLength={LIMITS.title} />
              <TextArea errors={errors} id={`body-${language}`} label={n.bodyLabel} hint={n.bodyHint} value={text(values, `body-${language}`)} rows={8} maxLength={LIMITS.body} />
            </LanguageFieldset>
          ))}
          <ChoiceGroup
            errors={errors}
            id="countries"
            label={c.countriesLegend}
            hint={c.countriesHint}
            multiple
            selected={list(values, 'countries')}
            options={settings.allowedCountries.map((code) => [code, c.countryNames[code] ?? code])}
          />
          <Input errors={errors} id="publishedAt" type="datetime-local" label={n.publishedAtLabel} hint={n.publishedAtHint(settings.timeZone)} value={text(values, 'publishedAt')} />
          <Input errors={errors} id="ref" label={c.refLabel} hint={c.refHint} value={text(values, 'ref')} maxLength={LIMITS.ref} />
        </>
      }
      list={<NewsList ctx={ctx} settings={settings} items={items} />}
    />
  );
}

function NewsList({ ctx, settings, items }: { ctx: PageContext; settings: PageSettings; items: NewsItem[] }) {
  const n = ctx.t.consoleContent.news;
  const rows = items.map((item) => [
    pickLanguage(item.translations, ctx.language).title,
    item.translations.map((t) => t.language).join(', '),
    audienceText(ctx, item.countries),
    <>
      <time dateTime={new Date(item.publishedAt).toISOString()}>{formatMoment(item.publishedAt, ctx.language, settings.timeZone)}</time>
      {item.publishedAt > settings.now ? ` (${n.scheduled})` : null}
    </>,
    item.ref ?? '',
  ]);
  // The article written last (not the one published last: that may be scheduled, or back-dated).
  const latest = items.reduce<(typeof items)[number] | undefined>((newest, item) => (newest === undefined || item.id > newest.id ? item : newest), undefined);
  const preview = latest ? pickLanguage(latest.translations, ctx.language) : null;
  return (
    <>
      <ItemTable ctx={ctx} columns={[n.columns.title, n.columns.languages, n.columns.countries, n.columns.published, n.columns.ref]} rows={rows} />
      {preview ? (
        <section class="card" aria-labelledby="preview-heading">
          <h3 id="preview-heading">{n.previewHeading}</h3>
          <article lang={preview.language}>
            <h4>{preview.title}</h4>
            {/* Rendered without HTML pass-through and with safe links only (portal/news/markdown.ts). */}
            <div dangerouslySetInnerHTML={{ __html: renderMarkdown(preview.body) }} />
          </article>
        </section>
      ) : null}
    </>
  );
}
