// The form kit as the pages render it: what a browser and a screen reader get from each piece.
import { renderToString } from 'preact-render-to-string';
import type { VNode } from 'preact';
import { describe, expect, it } from 'vitest';
import { formFields, formText } from '../form-body.js';
import { messagesFor } from '../i18n.js';
import type { PageContext } from '../page-context.js';
import { QuestionPairs } from './challenge-questions.js';
import { CodeField } from './code-field.js';
import { ConfirmAction } from './confirm-action.js';
import { ErrorSummary } from './error-summary.js';
import { Field } from './field.js';
import { fieldProblem } from './form-errors.js';
import { PasswordField } from './password-field.js';
import { PostForm } from './post-form.js';

const ctx: PageContext = { language: 'en', t: messagesFor('en'), csrfToken: 'token-123', path: '/', user: null };
const html = (node: VNode) => renderToString(node);

describe('PostForm', () => {
  it('posts with the session’s CSRF token, no browser validation, and the encoding asked for', () => {
    const form = html(
      <PostForm ctx={ctx} action="/admin/roster" enctype="multipart/form-data" submit="Send">
        <input name="csv" />
      </PostForm>,
    );
    expect(form).toMatch(/^<form method="post" action="\/admin\/roster" class="form" enctype="multipart\/form-data" novalidate>/);
    expect(form).toContain('<input type="hidden" name="_csrf" value="token-123"/>');
    expect(form).toContain('<button type="submit" class="button button--primary button--block">Send</button>');
  });
});

describe('ErrorSummary', () => {
  it('is an alert that takes the focus on load and links each problem to its control', () => {
    const summary = html(
      <ErrorSummary ctx={ctx} errors={{ summary: [{ anchor: 'email', message: 'Enter an e-mail address.' }, { anchor: null, message: 'Try again later.' }], fields: {} }}>
        <p>More help</p>
      </ErrorSummary>,
    );
    expect(summary).toMatch(/role="alert"[^>]*tabindex="-1"[^>]*autofocus/);
    expect(summary).toContain('<h2 id="error-summary-title">There is a problem</h2>');
    expect(summary).toContain('<li><a href="#email">Enter an e-mail address.</a></li><li>Try again later.</li>');
    expect(summary).toContain('<p>More help</p>');
  });
});

describe('Field', () => {
  it('ties its hint and error to the input, and never echoes a password', () => {
    const errors = fieldProblem('current', 'That is not your current password.');
    const field = html(<Field errors={errors} id="current" name="current" type="password" label="Current password" hint="The one you use now." value="secret" />);
    expect(field).toContain('<p class="field-error notice notice--error" id="current-error">That is not your current password.</p>');
    expect(field).toMatch(/<input id="current" name="current" type="password" autocapitalize="none" spellcheck="false" aria-invalid="true" aria-describedby="current-hint current-error"\/>/);
    expect(field).not.toContain('secret');
  });

  it('marks the field with the problem for the error style (styles.css .field--error), and only that one', () => {
    const errors = fieldProblem('email', 'Enter an e-mail address.');
    expect(html(<Field errors={errors} id="email" name="email" label="E-mail" />)).toMatch(/^<div class="field field--error">/);
    expect(html(<Field errors={errors} id="mobile" name="mobile" label="Mobile" />)).toMatch(/^<div class="field">/);
    const questions = html(<QuestionPairs t={ctx.t} errors={fieldProblem('question2', 'Choose a question.')} catalogue={[]} value={() => ''} />);
    expect(questions.match(/class="field field--error"/g)).toHaveLength(1);
    expect(questions).toMatch(/<div class="field field--error"><label for="question2">/);
  });
});

describe('CodeField', () => {
  it('is "Code", digits on a phone keyboard, offered by the browser from the message', () => {
    const field = html(<CodeField ctx={ctx} errors={null} hint="The 6 digits." />);
    expect(field).toContain('<label for="code">Code</label>');
    expect(field).toMatch(/<input id="code" name="code" type="text" value autocomplete="one-time-code" inputmode="numeric" autocapitalize="none" spellcheck="false" maxlength="20" aria-describedby="code-hint"\/>/);
  });

  it('takes the letters of a recovery code when asked', () => {
    expect(html(<CodeField ctx={ctx} errors={null} letters />)).toMatch(/inputmode="text"[^>]*maxlength="40"/);
  });
});

describe('PasswordField', () => {
  it('lists the rules next to the new password and says "(done)" / "(not yet)" to screen readers only', () => {
    const field = html(<PasswordField ctx={ctx} errors={null} rules={['length', 'letter']} limits={{ min: 7, max: 14 }} broken={['length']} />);
    expect(field).toMatch(/<input id="password" name="password" type="password" autocomplete="new-password"[^>]*aria-describedby="password-rules"\/>/);
    expect(field).toContain('<label for="confirm">Confirm new password</label>');
    expect(field).toContain('<span class="rule__state visually-hidden"> (not yet)</span>');
    expect(field).toContain('<span class="rule__state visually-hidden"> (done)</span>');
    expect(field).toContain('<span class="rule__mark" aria-hidden="true">✓</span>');
    expect(field).toMatch(/<script src="\/assets\/password-rules\.[0-9a-f]{10}\.js" defer><\/script>/);
  });

  it('adds "not a recent password" when that is what the password broke', () => {
    const field = html(<PasswordField ctx={ctx} errors={null} rules={['length']} limits={{ min: 7, max: 14 }} broken={['notRecent']} />);
    expect(field).toContain('data-rule="notRecent"');
  });
});

describe('ConfirmAction', () => {
  it('sends the first step again with confirm=yes, from a danger button named by the question, or cancels', () => {
    const form = html(
      <ConfirmAction
        ctx={ctx}
        action="/admin/employees/1/end-sessions"
        consequencesHeading="What happens"
        consequences={['Signed out everywhere.']}
        carried={[['reason', 'Shared computer']]}
        confirm="Yes, end all sessions"
        cancel="Cancel"
        cancelHref="/admin/employees/1"
      />,
    );
    expect(form).toContain('<li>Signed out everywhere.</li>');
    expect(form).toMatch(/<form method="post" action="\/admin\/employees\/1\/end-sessions" class="confirm-form" novalidate aria-labelledby="page-heading">/);
    expect(form).toContain('<input type="hidden" name="confirm" value="yes"/><input type="hidden" name="reason" value="Shared computer"/>');
    expect(form).toContain('<button type="submit" class="button button--danger">Yes, end all sessions</button><a class="button" href="/admin/employees/1">Cancel</a>');
  });
});

describe('form bodies', () => {
  it('reads one value as text, cut, and every field but the CSRF token', () => {
    const body = { _csrf: 'token', note: 'abcdef', countries: ['PR', 'US', 3], count: 3 };
    expect(formText(body, 'note', 3)).toBe('abc');
    expect(formText(body, 'countries')).toBe('PR');
    expect(formText(body, 'count')).toBe('');
    expect(formFields(body)).toEqual({ note: 'abcdef', countries: ['PR', 'US'] });
  });
});
