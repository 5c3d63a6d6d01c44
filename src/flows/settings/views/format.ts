import type { Messages } from '../../../web/messages/en.js';
import type { Device } from '../sessions.js';

/** "Chrome on Windows", or as much of it as the user agent tells. */
export function deviceText(t: Messages, device: Device): string {
  const s = t.profile.sessions;
  if (device.browser && device.os) return s.deviceText(device.browser, device.os);
  return device.browser ?? device.os ?? s.unknownDevice;
}

/** An audit event as a person reads it; events this page does not know are shown by their name. */
export function eventText(t: Messages, event: string): string {
  return (t.profile.security.events as Record<string, string | undefined>)[event] ?? event;
}

export function outcomeText(t: Messages, outcome: string): string {
  return (t.profile.security.outcomes as Record<string, string | undefined>)[outcome] ?? outcome;
}

/** A NANP number as people write it (787-555-1234); any other as stored (E.164). */
export function displayMobile(mobile: string): string {
  const nanp = /^\+1(\d{3})(\d{3})(\d{4})$/.exec(mobile);
  return nanp ? `${nanp[1]}-${nanp[2]}-${nanp[3]}` : mobile;
}
