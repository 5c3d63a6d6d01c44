// DELIV-1: every template renders in every language, escapes its data in HTML, and says what a
// person needs (codes expire in 10 minutes; "this wasn't me" points to the help form).
import { describe, expect, it } from 'vitest';
import { LANGUAGES } from '../../web/i18n.js';
import { en } from './en.js';
import { renderEmail, renderSms, UnknownTemplateError } from './render-template.js';

const site = { helpUrl: 'https://portal.example.com/help/contact' };
const sample: Record<string, Record<string, string>> = {
  'email-verification-code': { givenName: 'Ana', code: '123456' },
  'sms-verification-code': { code: '123456' },
  'contact-change-notice': { givenName: 'Ana', channel: 'email', maskedNewAddress: 'a***@example.com' },
  'passkey-added': { givenName: 'Ana', name: 'Work laptop' },
  'passkey-removed': { givenName: 'Ana', name: 'Work laptop' },
  'password-changed': { givenName: 'Ana', helpUrl: 'https://portal.example.com/help/contact?from=mail' },
  'password-reset-link': { givenName: 'Ana', link: 'https://portal.example.com/recovery/link?token=abc' },
  'login-code': { code: '123456' },
  'help-request-received': { reference: 'HR-2026-000123' },
  'help-request-closed': { reference: 'HR-2026-000124', note: 'Your account is unlocked.' },
  'caller-verification-code': { givenName: 'Ana', code: '654321' },
  'caller-verification-blocked': { givenName: 'Ana', helpUrl: 'https://portal.example.com/help/contact' },
};

describe('message templates', () => {
  it.each(LANGUAGES)('renders every e-mail and SMS template in %s', (language) => {
    for (const name of Object.keys(en.email)) {
      const mail = renderEmail(name, language, sample[name], site);
      expect(mail.subject.length).toBeGreaterThan(5);
      expect(mail.text).not.toMatch(/undefined|\[object/);
      expect(mail.html).toContain(`<html lang="${language}">`);
      expect(mail.html.match(/<title>/g)).toHaveLength(1);
      for (const value of Object.values(sample[name]!).filter((v) => v !== 'email')) expect(mail.text).toContain(value);
    }
    for (const name of Object.keys(en.sms)) {
      const body = renderSms(name, language, sample[name], site);
      expect(body).toMatch(/^Portico/);
      expect(body).not.toMatch(/undefined|\[object/);
      expect(body.length).toBeLessThanOrEqual(200);
    }
  });

  it('uses the fixed, localised reset subject (RECOV-2)', () => {
    const subjects = LANGUAGES.map((language) => renderEmail('password-reset-link', language, sample['password-reset-link'], site).subject);
    expect(subjects).toEqual(['Reset your Portico password', 'Réinitialisez votre mot de passe Portico', 'Restablezca su contraseña de Portico']);
  });

  it('says that codes expire in 10 minutes, in every language and channel', () => {
    for (const language of LANGUAGES) {
      for (const name of ['email-verification-code', 'login-code']) expect(renderEmail(name, language, sample[name], site).text).toMatch(/10 min/);
      for (const name of ['sms-verification-code', 'login-code']) expect(renderSms(name, language, sample[name], site)).toMatch(/10 min/);
    }
  });

  it('points "this wasn’t me" to the help form, and contact notices use the configured help URL', () => {
    const changed = renderEmail('password-changed', 'en', sample['password-changed'], site);
    expect(changed.text).toContain('This wasn’t me');
    expect(changed.html).toContain('href="https://portal.example.com/help/contact?from=mail"');
    expect(renderSms('password-changed', 'es-PR', sample['password-changed'], site)).toContain('https://portal.example.com/help/contact?from=mail');
    expect(renderEmail('contact-change-notice', 'fr-CA', sample['contact-change-notice'], site).text).toContain(site.helpUrl);
    expect(renderSms('contact-change-notice', 'en', { ...sample['contact-change-notice'], channel: 'sms', maskedNewAddress: '***-***-4567' }, site)).toContain(
      'mobile number on your account to ***-***-4567 was requested',
    );
  });

  it('escapes every value in the HTML part and never makes a non-web link clickable', () => {
    const hostile = renderEmail('email-verification-code', 'en', { givenName: '<script>alert(1)</script>', code: '"><img src=x>' }, site);
    expect(hostile.html).not.toContain('<script>');
    expect(hostile.html).not.toContain('<img');
    expect(hostile.html).toContain('Hello &lt;script>alert(1)&lt;/script>,');
    const sneaky = renderEmail('password-reset-link', 'en', { givenName: 'Ana', link: 'javascript:alert(1)' }, site);
    expect(sneaky.html).not.toContain('href="javascript:');
  });

  it('refuses an unknown template', () => {
    expect(() => renderEmail('no-such-template', 'en', {}, site)).toThrow(UnknownTemplateError);
    expect(() => renderSms('password-reset-link', 'en', {}, site)).toThrow(UnknownTemplateError);
  });
});
