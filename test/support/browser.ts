// Browser tests drive Debian's Chromium through playwright-core; no browser is ever downloaded.
// A missing Chromium fails the suite (DESIGN §3: CI must fail, not skip).
import { existsSync } from 'node:fs';
import { AxeBuilder } from '@axe-core/playwright';
import { chromium, type Browser, type Page } from 'playwright-core';

export const CHROMIUM_PATH = process.env.PORTICO_CHROMIUM ?? '/usr/bin/chromium';

/** Flags Chromium needs to run headless as root in a container, without phoning home. */
const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export async function launchBrowser(): Promise<Browser> {
  if (!existsSync(CHROMIUM_PATH)) {
    throw new Error(
      `Chromium was not found at ${CHROMIUM_PATH}. Install Debian's package (apt-get install chromium) ` +
        'or set PORTICO_CHROMIUM to the path of a Chromium binary. Browser tests never skip.',
    );
  }
  return chromium.launch({ executablePath: CHROMIUM_PATH, headless: true, args: CHROMIUM_ARGS });
}

/** The WCAG 2.2 AA rule set SPEC §14.1 asks every page to pass. */
export const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

/** Runs axe-core on the page as it is now and fails with a readable list of every violation. */
export async function checkAccessibility(page: Page): Promise<void> {
  const results = await new AxeBuilder({ page }).withTags(WCAG_TAGS).analyze();
  if (results.violations.length === 0) return;
  const report = results.violations
    .map((violation) => {
      const nodes = violation.nodes
        .map((node) => `    - ${node.target.join(' ')}\n      ${node.failureSummary?.replace(/\n/g, '\n      ') ?? ''}`)
        .join('\n');
      return `  [${violation.impact ?? 'unknown'}] ${violation.id}: ${violation.help}\n    ${violation.helpUrl}\n${nodes}`;
    })
    .join('\n');
  throw new Error(`axe-core found ${results.violations.length} WCAG 2.2 AA violation(s) on ${page.url()}:\n${report}`);
}

/** The wizard's questions step (English labels): three different questions, each chosen by its text, and their answers. */
export async function answerChallengeQuestions(page: Page): Promise<void> {
  const choices = [
    ['What was the name of your first pet?', 'Biscuit'],
    ['What was your first job?', 'Paper route'],
    ['In what city or town were you born?', 'Ponce'],
  ] as const;
  for (const [index, [question, answer]] of choices.entries()) {
    await page.getByLabel(`Question ${index + 1}`, { exact: true }).selectOption({ label: question });
    await page.getByLabel(`Answer ${index + 1}`, { exact: true }).fill(answer);
  }
}
