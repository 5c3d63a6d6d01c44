// The README's screenshot (docs/images/homepage.png) is what this test sees: the demo as
// `npm start` runs it (the built `portico serve --demo`), signed in through the form in Chromium
// with the first account its banner prints, on the homepage. Every run takes the screenshot and
// checks that the committed one is a small PNG of the same size; `npm run screenshot` (which sets
// PORTICO_UPDATE_SCREENSHOT=1) writes the new one in its place.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser } from '../support/browser.js';
import { PROJECT_ROOT } from '../support/run-cli.js';
import { freePort } from '../support/server-process.js';
import { suiteTempDir } from '../support/temp-root.js';

const SCREENSHOT = path.join(PROJECT_ROOT, 'docs', 'images', 'homepage.png');
const VIEWPORT = { width: 1024, height: 700 };
const MAX_BYTES = 250 * 1024;

let child: ChildProcess | undefined;
let exited: Promise<void>;
let output = '';
let dir: string;
let baseUrl: string;
let browser: Browser | undefined;

/** Width and height from a PNG's IHDR chunk; throws when it is not a PNG. */
function pngSize(png: Buffer): { width: number; height: number } {
  if (png.subarray(0, 8).toString('hex') !== '89504e470d0a1a0a' || png.subarray(12, 16).toString('latin1') !== 'IHDR') throw new Error('not a PNG file');
  return { width: png.readUInt32BE(16), height: png.readUInt32BE(20) };
}

beforeAll(async () => {
  dir = suiteTempDir('portico-screenshot-');
  const port = await freePort();
  baseUrl = `http://127.0.0.1:${port}`;
  // A clean configuration: none of the runner's PORTICO_* settings leak in.
  const env = Object.fromEntries(Object.entries(process.env).filter(([name]) => !name.startsWith('PORTICO_') && !name.startsWith('VITEST') && name !== 'NODE_ENV'));
  Object.assign(env, { PORTICO_PORT: String(port), PORTICO_DATA_DIR: path.join(dir, 'data') });
  child = spawn(process.execPath, [path.join(PROJECT_ROOT, 'dist', 'src', 'main.js'), 'serve', '--demo'], { cwd: dir, env, stdio: ['ignore', 'pipe', 'pipe'] });
  exited = new Promise((resolve) => child!.once('exit', () => resolve()));
  child.stdout?.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
  const deadline = Date.now() + 90_000;
  while (!output.includes('Portico demo is running.')) {
    if (child.exitCode !== null) throw new Error(`the demo exited early:\n${output}`);
    if (Date.now() > deadline) throw new Error(`the demo did not start within 90 s:\n${output}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  // The banner is printed in one write; give the rest of it a moment.
  await new Promise((resolve) => setTimeout(resolve, 100));
  browser = await launchBrowser();
}, 120_000);

afterAll(async () => {
  await browser?.close();
  if (child && child.exitCode === null && child.signalCode === null) {
    child.kill('SIGTERM');
    await exited;
  }
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('the README screenshot', () => {
  it('shows the demo homepage after signing in with the account the banner prints', async () => {
    // The banner's first account: "Label   EMPLOYEE-ID   password   SECRET".
    const account = /^\s{4}.+?\s+(\d{5,12})\s+password\s+(\S+)\s*$/m.exec(output);
    expect(account, `no password account in the banner:\n${output}`).not.toBeNull();
    const [, employeeId, password] = account!;

    const context = await browser!.newContext({ baseURL: baseUrl, viewport: VIEWPORT, deviceScaleFactor: 1, locale: 'en-US', colorScheme: 'light' });
    try {
      const page = await context.newPage();
      await page.goto('/login');
      await page.getByLabel('Employee ID or e-mail', { exact: true }).fill(employeeId!);
      await page.getByLabel('Password', { exact: true }).fill(password!);
      await page.getByRole('button', { name: 'Log in', exact: true }).click();
      await page.waitForURL('**/home');
      await page.getByRole('heading', { level: 1 }).waitFor();
      // No caret, no hover: the same picture every time for the same content.
      await page.mouse.move(0, 0);
      const png = await page.screenshot({ type: 'png', fullPage: false, animations: 'disabled', caret: 'hide' });

      expect(pngSize(png)).toEqual(VIEWPORT);
      expect(png.length, 'the screenshot is meant to stay small').toBeLessThan(MAX_BYTES);
      if (process.env.PORTICO_UPDATE_SCREENSHOT === '1') {
        mkdirSync(path.dirname(SCREENSHOT), { recursive: true });
        writeFileSync(SCREENSHOT, png);
      }
      expect(existsSync(SCREENSHOT), 'docs/images/homepage.png is missing: run `npm run screenshot`').toBe(true);
      const committed = readFileSync(SCREENSHOT);
      expect(pngSize(committed)).toEqual(VIEWPORT);
      expect(committed.length).toBeLessThan(MAX_BYTES);
    } finally {
      await context.close();
    }
  });
});
