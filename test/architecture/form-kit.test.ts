// Issue 12: every page posts through the one form kit in src/web/components/. No page writes the
// CSRF field by hand (PostForm does), and no file keeps its own copy of the kit's error summary,
// form-error shape or form-body readers. This scans src/ as text, so a copy cannot hide anywhere.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = path.resolve(import.meta.dirname, '../..');
const SRC = path.join(ROOT, 'src');

/** The kit's own files: the one place each thing below is written. */
const POST_FORM = 'src/web/components/post-form.tsx';
const KIT_DEFINITIONS: Record<string, string> = {
  ErrorSummary: 'src/web/components/error-summary.tsx',
  FormErrors: 'src/web/components/form-errors.ts',
  formText: 'src/web/form-body.ts',
  formSecret: 'src/web/form-body.ts',
};

const HAND_WRITTEN_CSRF = /name=\{?\s*["'`]_csrf["'`]|name:\s*["'`]_csrf["'`]/;
const OWN_DEFINITION = (name: string) =>
  new RegExp(`\\bfunction\\s+${name}\\b|\\b(?:const|let|var)\\s+${name}\\s*[:=]|\\binterface\\s+${name}\\b|\\btype\\s+${name}\\s*[=<]`);

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(full);
    return /\.tsx?$/.test(entry.name) && !/\.test\.tsx?$/.test(entry.name) ? [full] : [];
  });
}

/** What each file does that the kit should: "path: what", sorted. */
function formKitOffences(files: string[]): string[] {
  const offences: string[] = [];
  for (const file of files) {
    const relative = path.relative(ROOT, file).split(path.sep).join('/');
    const text = readFileSync(file, 'utf8');
    if (relative !== POST_FORM && HAND_WRITTEN_CSRF.test(text)) offences.push(`${relative}: writes the _csrf field (use PostForm)`);
    for (const [name, home] of Object.entries(KIT_DEFINITIONS)) {
      if (relative !== home && OWN_DEFINITION(name).test(text)) offences.push(`${relative}: defines its own ${name} (use ${home})`);
    }
  }
  return offences.sort();
}

const offences = formKitOffences(sourceFiles(SRC));

describe('the form kit is the only way pages post', () => {
  it('the checks recognise each copy they look for', () => {
    expect(HAND_WRITTEN_CSRF.test('<input type="hidden" name="_csrf" value={ctx.csrfToken} />')).toBe(true);
    expect(HAND_WRITTEN_CSRF.test("h('input', { type: 'hidden', name: '_csrf', value: token })")).toBe(true);
    expect(HAND_WRITTEN_CSRF.test("if (name === '_csrf') continue;")).toBe(false);
    expect(OWN_DEFINITION('ErrorSummary').test('function ErrorSummary({ ctx, errors }: Props) {')).toBe(true);
    expect(OWN_DEFINITION('formText').test('const formText = (body: FormBody, name: string) =>')).toBe(true);
    expect(OWN_DEFINITION('FormErrors').test('export interface FormErrors {')).toBe(true);
    expect(OWN_DEFINITION('FormErrors').test("import type { FormErrors } from '../form-errors.js';")).toBe(false);
    expect(OWN_DEFINITION('formSecret').test('formSecret(request.body, "password")')).toBe(false);
  });

  it('no file in src/ writes the CSRF field or keeps its own ErrorSummary, FormErrors, formText or formSecret', () => {
    expect(offences).toEqual([]);
  });
});
