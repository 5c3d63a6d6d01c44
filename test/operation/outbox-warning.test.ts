// Issue 13: outside demo mode, mail or SMS going to the outbox means nobody receives a code or a
// link. `serve` says so loudly at start (console and logs) and the console's home page shows it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOutboxReader, tempDataDir, type OutboxReader } from '../support/outbox.js';
import { signInConsole } from '../support/console-session.js';
import { createTestApp, TEST_SECRET, type TestApp } from '../support/test-app.js';
import { startServerProcess } from '../support/server-process.js';
import { tempWorkDir } from '../support/run-cli.js';

describe('serve outside demo with the outbox', () => {
  it('warns on the console and in the logs for each channel; not with real transports', async () => {
    const server = await startServerProcess({ PORTICO_SECRET: TEST_SECRET, PORTICO_SMS_URL: 'webhook+https://sms.example.com/send' }, tempWorkDir());
    await new Promise((resolve) => setTimeout(resolve, 200));
    await server.kill('SIGTERM');
    expect(server.output()).toMatch(/WARNING: e-mail is NOT being delivered\.\n\s+PORTICO_MAIL_URL is not set/);
    expect(server.output()).toMatch(/"level":40,.*"channel":"mail".*PORTICO_MAIL_URL is not set: messages go to the outbox and are not delivered/);
    expect(server.output()).not.toMatch(/text message \(SMS\) is NOT being delivered/);
  });
});

describe('the console home page outside demo', () => {
  let t: TestApp;
  let outbox: OutboxReader;
  beforeAll(async () => {
    t = await createTestApp({ env: { PORTICO_DATA_DIR: tempDataDir() } });
    outbox = createOutboxReader(t.deps);
  });
  afterAll(async () => {
    await outbox.stop();
    await t.close();
  });

  it('shows the admin that messages are not being delivered', async () => {
    const admin = await signInConsole(t, outbox, '910001', 'admin');
    const page = await admin.get('/admin');
    expect(page.statusCode).toBe(200);
    expect(page.body).toMatch(/<div class="notice notice--warning" role="alert"><p><strong>Messages are not being delivered<\/strong>/);
    expect(page.body).toContain('E-mails and text messages (sign-in codes, reset links) are written to files in');
  });

  it('says nothing in demo mode', async () => {
    const demo = await createTestApp({ demo: true, env: { PORTICO_DATA_DIR: tempDataDir() } });
    const demoOutbox = createOutboxReader(demo.deps);
    try {
      const admin = await signInConsole(demo, demoOutbox, '910002', 'admin');
      expect((await admin.get('/admin')).body).not.toContain('Messages are not being delivered');
    } finally {
      await demoOutbox.stop();
      await demo.close();
    }
  });
});
