// MFA-2's masked form of an address, for notices that must not spell out the new contact in full.

/** `jane.doe@example.com` → `j***@example.com`. */
export function maskEmail(address: string): string {
  const at = address.lastIndexOf('@');
  if (at < 1) return '***';
  return `${address.slice(0, 1)}***${address.slice(at)}`;
}

/** `+15551234567` → `***-***-4567`. */
export function maskMobile(number: string): string {
  return `***-***-${number.replace(/\D/g, '').slice(-4)}`;
}
