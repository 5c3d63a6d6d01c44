// Text that names or points at something (a name, a URI) holds no control characters: they have no
// meaning there, and PostgreSQL cannot store a NUL at all (a 500 instead of a clear refusal).

/** Any control character (Unicode category Cc: C0, DEL, C1). */
export const CONTROL_CHARACTER = /\p{Cc}/u;

export function hasControlCharacter(text: string): boolean {
  return CONTROL_CHARACTER.test(text);
}
