import type { FastifyReply, FastifyRequest } from 'fastify';
import { Fragment, type ComponentChildren } from 'preact';
import type { AppDeps } from '../core/deps.js';
import { AppError } from '../core/errors.js';
import { pageContext } from '../app/request-context.js';
import { Layout } from '../web/layout.js';
import type { PageContext } from '../web/page-context.js';
import { formatMoment } from '../web/i18n.js';
import { sendPage } from '../app/render-page.js';
import { mailDirectory, readOutboxDirectory, smsFile } from './outbox-files.js';
import { readOutboxEmails, readOutboxSms, type OutboxEmail, type OutboxSms } from './read-outbox.js';

/** GET /dev/outbox (DELIV-2): what the outbox transports kept, so a demo can be followed without a mail server. */
export function createOutboxPages(deps: AppDeps) {
  const mailOutbox = readOutboxDirectory(deps.config.mailUrl);
  const smsOutbox = readOutboxDirectory(deps.config.smsUrl);
  return {
    show: async (request: FastifyRequest, reply: FastifyReply) => {
      // The route exists only in demo mode; this check keeps it so if the page is ever mounted elsewhere.
      if (!deps.config.demo || (mailOutbox === null && smsOutbox === null)) throw new AppError('NOT_FOUND', 'notFound');
      const [emails, sms] = await Promise.all([
        mailOutbox === null ? null : readOutboxEmails(mailDirectory(mailOutbox)),
        smsOutbox === null ? null : readOutboxSms(smsFile(smsOutbox)),
      ]);
      const ctx = pageContext(request, reply, deps.config);
      const formatTime = (date: Date) => formatMoment(date.getTime(), ctx.language, deps.config.timeZone);
      return sendPage(reply, <OutboxView ctx={ctx} emails={emails} sms={sms} formatTime={formatTime} />);
    },
  };
}

interface OutboxViewProps {
  ctx: PageContext;
  emails: OutboxEmail[] | null;
  sms: OutboxSms[] | null;
  formatTime: (date: Date) => string;
}

function OutboxView({ ctx, emails, sms, formatTime }: OutboxViewProps) {
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={t.outbox.title}>
      <h1>{t.outbox.heading}</h1>
      <p class="lead">{t.outbox.intro}</p>
      <p>
        <a href="/dev/outbox">{t.outbox.refresh}</a>
      </p>
      <section aria-labelledby="outbox-email">
        <h2 id="outbox-email">{t.outbox.emailHeading}</h2>
        {emails === null ? <p>{t.outbox.notWritten}</p> : emails.length === 0 ? <p>{t.outbox.noEmail}</p> : null}
        {emails?.map((email) => (
          <article key={email.file} class="card" aria-labelledby={`mail-${email.file}`}>
            <h3 id={`mail-${email.file}`}>{email.subject}</h3>
            <Facts ctx={ctx} time={email.date ? <time dateTime={email.date.toISOString()}>{formatTime(email.date)}</time> : null} to={email.to} />
            <MessageText text={email.text} />
          </article>
        ))}
      </section>
      <section aria-labelledby="outbox-sms">
        <h2 id="outbox-sms">{t.outbox.smsHeading}</h2>
        {sms === null ? <p>{t.outbox.notWritten}</p> : sms.length === 0 ? <p>{t.outbox.noSms}</p> : null}
        {sms?.map((message, index) => {
          const sentAt = new Date(message.sentAt);
          const time = Number.isNaN(sentAt.getTime()) ? null : <time dateTime={sentAt.toISOString()}>{formatTime(sentAt)}</time>;
          return (
            <article key={index} class="card">
              <Facts ctx={ctx} time={time} to={message.to} />
              <MessageText text={message.body} />
            </article>
          );
        })}
      </section>
    </Layout>
  );
}

function Facts({ ctx, time, to }: { ctx: PageContext; time: ComponentChildren; to: string }) {
  return (
    <dl class="facts">
      <div>
        <dt>{ctx.t.outbox.sentAt}</dt>
        <dd>{time}</dd>
      </div>
      <div>
        <dt>{ctx.t.outbox.to}</dt>
        <dd>{to}</dd>
      </div>
    </dl>
  );
}

/** The text part with its paragraphs and line breaks kept, and web links made followable. */
function MessageText({ text }: { text: string }) {
  const paragraphs = text.replace(/\r\n/g, '\n').trim().split(/\n{2,}/);
  return (
    <div class="outbox-message">
      {paragraphs.map((paragraph, index) => (
        <p key={index}>
          {paragraph.split('\n').map((line, lineIndex) => (
            <Fragment key={lineIndex}>
              {lineIndex > 0 ? <br /> : null}
              {linkify(line.trim())}
            </Fragment>
          ))}
        </p>
      ))}
    </div>
  );
}

function linkify(line: string) {
  return line.split(/(https?:\/\/[^\s<>"]+)/g).map((piece, index) => (index % 2 === 1 ? <a href={piece}>{piece}</a> : piece));
}
