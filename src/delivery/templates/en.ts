import type { ContactChannel, EmailContent, SiteLinks } from './content.js';

// The English templates define the shape every other language must match: a missing template or
// key is a compile error. The data each template takes is what callers enqueue (enqueue-message.ts).

const hello = (name: string) => `Hello ${name},`;
const contactName = (channel: ContactChannel) => (channel === 'email' ? 'e-mail address' : 'mobile number');
const codeWarning = 'The code expires in 10 minutes. Never share it with anyone: the help desk will never ask for it.';

export const en = {
  common: {
    signOff: 'The Portico team',
    automated: 'This message was sent automatically by Portico, your employee portal. Replies to it are not read.',
  },
  email: {
    'email-verification-code': ({ givenName, code }: { givenName: string; code: string }): EmailContent => ({
      subject: 'Your Portico verification code',
      body: [hello(givenName), 'Use this code to confirm your e-mail address in Portico:', { code }, codeWarning, 'If you did not ask for this code, you can ignore this e-mail.'],
    }),
    'contact-change-notice': (
      { givenName, channel, maskedNewAddress }: { givenName: string; channel: ContactChannel; maskedNewAddress: string },
      site: SiteLinks,
    ): EmailContent => ({
      subject: 'A change to your Portico contact details',
      body: [
        hello(givenName),
        `Someone signed in to your Portico account asked to change its ${contactName(channel)} to ${maskedNewAddress}. The change applies once the new address is confirmed with a code.`,
        'We send this notice to your previous contact details so that you know. If you made the change, there is nothing to do.',
        'If you did not make this change, tell the help desk right away through the Technical Help Form:',
        { link: site.helpUrl, label: 'Technical Help Form' },
      ],
    }),
    'passkey-added': ({ givenName, name }: { givenName: string; name: string }, site: SiteLinks): EmailContent => ({
      subject: 'A passkey was added to your Portico account',
      body: [
        hello(givenName),
        `A passkey named “${name}” was just added to your Portico account. It can sign in to your account without a password. If you added it, there is nothing to do.`,
        'This wasn’t me: if you did not add it, tell the help desk right away through the Technical Help Form:',
        { link: site.helpUrl, label: 'Technical Help Form' },
      ],
    }),
    'passkey-removed': ({ givenName, name }: { givenName: string; name: string }, site: SiteLinks): EmailContent => ({
      subject: 'A passkey was removed from your Portico account',
      body: [
        hello(givenName),
        `The passkey named “${name}” was just removed from your Portico account and can no longer sign in. If you removed it, there is nothing to do.`,
        'This wasn’t me: if you did not remove it, tell the help desk right away through the Technical Help Form:',
        { link: site.helpUrl, label: 'Technical Help Form' },
      ],
    }),
    'password-changed': ({ givenName, helpUrl }: { givenName: string; helpUrl: string }): EmailContent => ({
      subject: 'Your Portico password was changed',
      body: [
        hello(givenName),
        'The password of your Portico account was just changed, and your other signed-in sessions were ended. If you did this, there is nothing else to do.',
        'This wasn’t me: if you did not change your password, tell the help desk right away through the Technical Help Form:',
        { link: helpUrl, label: 'Technical Help Form' },
      ],
    }),
    'password-reset-link': ({ givenName, link }: { givenName: string; link: string }): EmailContent => ({
      subject: 'Reset your Portico password',
      body: [
        hello(givenName),
        'We received a request to reset the password of your Portico account. Choose a new password with this link:',
        { link, label: 'Reset my password' },
        'The link works once and expires in 30 minutes. If you did not ask for it, ignore this e-mail: your password stays as it is.',
      ],
    }),
    'login-code': ({ code }: { code: string }): EmailContent => ({
      subject: 'Your Portico security code',
      body: ['Hello,', 'Enter this code in Portico to continue:', { code }, codeWarning, 'If you did not ask for a code, someone may be trying to get into your account. Change your password, or contact the help desk.'],
    }),
    'help-request-received': ({ reference }: { reference: string }): EmailContent => ({
      subject: `We received your help request (${reference})`,
      body: [
        'Hello,',
        'Thank you for contacting Portico technical support. We received your request. Your reference number is:',
        { code: reference },
        'The help desk answers requests in the order they arrive and will contact you the way you asked. Please quote the reference number if you write to us again.',
      ],
    }),
    'caller-verification-code': ({ givenName, code }: { givenName: string; code: string }): EmailContent => ({
      subject: 'Your code for the Portico help desk',
      body: [
        hello(givenName),
        'A Portico help desk agent asked us to send you this code to confirm that they are talking to you:',
        { code },
        'Read it to the agent only if you are on the phone with the Portico help desk right now. It expires in 10 minutes.',
        'If you are not talking to the help desk, do not give this code to anyone: someone may be pretending to be you. Tell the help desk through the Technical Help Form.',
      ],
    }),
    'caller-verification-blocked': ({ givenName, helpUrl }: { givenName: string; helpUrl: string }): EmailContent => ({
      subject: 'Someone could not prove to the help desk that they are you',
      body: [
        hello(givenName),
        'Someone talking to the Portico help desk about your account gave 3 wrong verification codes, so the help desk cannot verify callers for your account for the next 15 minutes. Nothing in your account was changed.',
        'If this was not you, tell the help desk right away through the Technical Help Form:',
        { link: helpUrl, label: 'Technical Help Form' },
      ],
    }),
    'help-request-closed': ({ reference, note }: { reference: string; note: string }): EmailContent => ({
      subject: `Your help request was closed (${reference})`,
      body: ['Hello,', 'The help desk closed your help request with this reference number:', { code: reference }, 'What the help desk did:', note, 'If the problem is not solved, send a new Technical Help Form and quote the reference number.'],
    }),
  },
  sms: {
    'sms-verification-code': ({ code }: { code: string }) => `Portico: your verification code is ${code}. It expires in 10 minutes. Never share it.`,
    'contact-change-notice': ({ channel, maskedNewAddress }: { givenName: string; channel: ContactChannel; maskedNewAddress: string }, site: SiteLinks) =>
      `Portico: a change of the ${contactName(channel)} on your account to ${maskedNewAddress} was requested. Not you? Tell the help desk: ${site.helpUrl}`,
    'password-changed': ({ helpUrl }: { givenName: string; helpUrl: string }) => `Portico: your password was changed. Not you? Tell the help desk: ${helpUrl}`,
    'login-code': ({ code }: { code: string }) => `Portico: your code is ${code}. It expires in 10 minutes. Never share it.`,
    'help-request-received': ({ reference }: { reference: string }) =>
      `Portico: we received your help request. Reference ${reference}. The help desk will contact you.`,
    'caller-verification-code': ({ code }: { givenName: string; code: string }) =>
      `Portico: help desk code ${code}. Read it to the agent only if you are on the phone with the Portico help desk now. Expires in 10 minutes.`,
    'caller-verification-blocked': ({ helpUrl }: { givenName: string; helpUrl: string }) =>
      `Portico: someone gave the help desk 3 wrong codes for your account. Nothing was changed. Not you? Tell the help desk: ${helpUrl}`,
    'help-request-closed': ({ reference, note }: { reference: string; note: string }) => `Portico: your help request ${reference} was closed. ${note}`,
  },
};

export type Templates = typeof en;
