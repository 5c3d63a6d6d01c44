import type { Messages } from './messages/en.js';
import type { Language } from './i18n.js';

/** What every page view needs from the request. */
export interface PageContext {
  language: Language;
  t: Messages;
  /** Form token for CSRF protection (SPEC §14.2). */
  csrfToken: string;
  /** The current path with its query, for the language switcher. */
  path: string;
  /** `roles` decide which console pages the console's navigation lists (access is still checked by the guards). */
  user: { displayName: string; roles?: readonly string[] } | null;
}
