// The building blocks of a message. Templates say *what* to tell; render-template.tsx turns the
// same blocks into the text part, the HTML part (escaping every value) and SMS text.

/** One paragraph: plain text, something to read or type exactly (a code, a reference), or a link. */
export type Block = string | { code: string } | { link: string; label: string };

export interface EmailContent {
  subject: string;
  body: Block[];
}

/** Links every template may use, taken from the configuration rather than from the queued data. */
export interface SiteLinks {
  /** The Technical Help Form (HELP-2), for "this wasn't me". */
  helpUrl: string;
}

export type ContactChannel = 'email' | 'sms';
