import { renderToString } from 'preact-render-to-string';
import type { Language } from '../../web/i18n.js';
import type { Block, EmailContent, SiteLinks } from './content.js';
import { en, type Templates } from './en.js';
import { frCA } from './fr-CA.js';
import { esPR } from './es-PR.js';

const catalogues: Record<Language, Templates> = { en, 'fr-CA': frCA, 'es-PR': esPR };

export type EmailTemplateName = keyof Templates['email'];
export type SmsTemplateName = keyof Templates['sms'];
export type EmailTemplateData<N extends EmailTemplateName> = Parameters<Templates['email'][N]>[0];
export type SmsTemplateData<N extends SmsTemplateName> = Parameters<Templates['sms'][N]>[0];

export interface RenderedEmail {
  subject: string;
  text: string;
  html: string;
}

/** Thrown when a queued message names a template that does not exist: retrying cannot help. */
export class UnknownTemplateError extends Error {
  constructor(channel: string, template: string) {
    super(`unknown ${channel} template "${template}"`);
    this.name = 'UnknownTemplateError';
  }
}

export function isEmailTemplate(name: string): name is EmailTemplateName {
  return Object.hasOwn(en.email, name);
}

export function isSmsTemplate(name: string): name is SmsTemplateName {
  return Object.hasOwn(en.sms, name);
}

// The queued data is JSON written by enqueueMessage from typed input, so the call is typed there;
// here the template is looked up by name.
type AnyEmailTemplate = (data: unknown, site: SiteLinks) => EmailContent;
type AnySmsTemplate = (data: unknown, site: SiteLinks) => string;

export function renderEmail(template: string, language: Language, data: unknown, site: SiteLinks): RenderedEmail {
  if (!isEmailTemplate(template)) throw new UnknownTemplateError('email', template);
  const catalogue = catalogues[language];
  const content = (catalogue.email[template] as AnyEmailTemplate)(data, site);
  return {
    subject: content.subject,
    text: renderText(content.body, catalogue.common),
    html: `<!doctype html>${renderToString(<EmailDocument language={language} content={content} common={catalogue.common} />)}`,
  };
}

export function renderSms(template: string, language: Language, data: unknown, site: SiteLinks): string {
  if (!isSmsTemplate(template)) throw new UnknownTemplateError('sms', template);
  return (catalogues[language].sms[template] as AnySmsTemplate)(data, site);
}

function renderText(body: Block[], common: Templates['common']): string {
  const paragraphs = body.map((block) => {
    if (typeof block === 'string') return block;
    if ('code' in block) return `    ${block.code}`;
    // Label and address on lines of their own: no punctuation to localise, and the link stays whole.
    return `${block.label}\n${block.link}`;
  });
  return `${[...paragraphs, common.signOff, `-- \n${common.automated}`].join('\n\n')}\n`;
}

// Simple, accessible HTML: one column, real text, the page language set; inline styles because
// mail programs drop style sheets. Preact escapes every value.
const PAGE = 'margin:0;padding:24px 12px;background:#f3f5f7;color:#1c2a36;font-family:Arial,Helvetica,sans-serif;font-size:16px;line-height:1.5';
const CARD = 'max-width:560px;margin:0 auto;padding:24px;background:#ffffff;border-top:4px solid #0b4f6c;border-radius:6px';
const CODE = 'margin:16px 0;font-family:Consolas,Menlo,monospace;font-size:28px;font-weight:bold;letter-spacing:4px';
const SMALL = 'margin:16px 0 0;font-size:13px;color:#4f5b66';

function EmailDocument({ language, content, common }: { language: Language; content: EmailContent; common: Templates['common'] }) {
  return (
    <html lang={language}>
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{content.subject}</title>
      </head>
      <body style={PAGE}>
        <div style={CARD}>
          <p style="margin:0 0 16px;font-size:20px;font-weight:bold;color:#0b4f6c">Portico</p>
          {content.body.map((block, index) => (
            <HtmlBlock key={index} block={block} />
          ))}
          <p>{common.signOff}</p>
          <p style={SMALL}>{common.automated}</p>
        </div>
      </body>
    </html>
  );
}

function HtmlBlock({ block }: { block: Block }) {
  if (typeof block === 'string') return <p>{block}</p>;
  if ('code' in block) return <p style={CODE}>{block.code}</p>;
  // Only web links become anchors; anything else is shown as text rather than made clickable.
  if (!/^https?:\/\//i.test(block.link)) return <p>{`${block.label}: ${block.link}`}</p>;
  return (
    <>
      <p>
        <a href={block.link} style="color:#0b4f6c;font-weight:bold">
          {block.label}
        </a>
      </p>
      <p style="font-size:13px;word-break:break-all">{block.link}</p>
    </>
  );
}
