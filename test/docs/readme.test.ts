// The README's first screen is the product in two commands: `npm ci && npm start` brings up the
// demo and prints how to sign in, `npm test` runs the suite; the screenshot follows.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../support/run-cli.js';

const readme = readFileSync(path.join(PROJECT_ROOT, 'README.md'), 'utf8');
/** About one screen of text. */
const firstScreen = readme.split('\n').slice(0, 20).join('\n');

describe('README', () => {
  it('opens with what Portico is and the two commands', () => {
    expect(firstScreen).toMatch(/^# Portico\n\nA self-hosted employee portal/);
    const commands = /```sh\n([\s\S]*?)\n```/.exec(firstScreen)?.[1]?.split('\n').map((line) => line.replace(/\s+#.*$/, '').trim());
    expect(commands).toEqual(['npm ci && npm start', 'npm test']);
    expect(firstScreen).toMatch(/npm start[^\n]*prints how to sign in/);
  });

  it('shows the screenshot the browser test takes', () => {
    expect(firstScreen).toContain('](docs/images/homepage.png)');
  });

  it('links the guides', () => {
    for (const guide of ['docs/deployment.md', 'docs/configuration.md', 'docs/operations.md']) expect(readme).toContain(`](${guide})`);
  });
});
