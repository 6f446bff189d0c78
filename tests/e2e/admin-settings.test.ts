import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findChromium } from '../helpers/browser.js';
import { signInToConsole, useBrowserSuite } from '../helpers/browser-suite.js';
import { dbKind } from '../helpers/test-db.js';
import { WebhookReceiver } from '../helpers/webhook-receiver.js';

const browserPath = findChromium();

/** Admin settings an Intercom or Chatwoot user expects on day one (issue 12), as an admin sees them. */
describe.skipIf(!browserPath.path)(`admin settings in Chromium (${dbKind})`, () => {
  let receiver: WebhookReceiver;
  beforeAll(async () => {
    receiver = await new WebhookReceiver().start();
  });
  afterAll(async () => {
    await receiver?.stop();
  });
  const suite = useBrowserSuite(browserPath.path!);

  it('webhooks: adds two endpoints, shows each secret once, sends a test and shows it in that endpoint\'s log', async () => {
    const { server, browser } = suite;
    const ctx = await browser.newContext({ viewport: { width: 1440, height: 900 } });
    const page = await ctx.newPage();
    await signInToConsole(page, server.url);
    await page.getByRole('link', { name: 'Webhooks' }).click();
    await page.getByRole('heading', { name: 'Endpoints' }).waitFor({ timeout: 10_000 });

    const secrets: string[] = [];
    for (const [path, description, events] of [
      ['/crm', 'CRM sync', ['message.created']],
      ['/pager', 'On-call pager', ['sla.breached', 'conversation.handoff_requested']],
    ] as const) {
      await page.getByLabel('Endpoint URL').fill(`${receiver.url}${path}`);
      await page.getByLabel('Description').fill(description);
      for (const e of events) await page.getByRole('checkbox', { name: e }).check();
      await page.getByRole('button', { name: 'Add endpoint' }).click();
      const secret = page.getByRole('textbox', { name: 'Signing secret' });
      await secret.waitFor({ timeout: 10_000 });
      secrets.push(await secret.inputValue());
      await page.getByRole('button', { name: 'I saved it' }).click();
    }
    expect(secrets[0]).toMatch(/^whsec_/);
    expect(secrets[1]).not.toBe(secrets[0]);
    const table = page.getByRole('table').first();
    await expect.poll(() => table.locator('tbody tr').count()).toBe(2);
    expect(await table.innerText()).toContain('sla.breached, conversation.handoff_requested');

    await page.getByRole('button', { name: `Send a test event to ${receiver.url}/pager` }).click();
    const log = page.getByRole('table', { name: `Deliveries to ${receiver.url}/pager` });
    await log.waitFor({ timeout: 10_000 });
    const first = log.locator('tbody tr').first();
    await expect.poll(() => first.innerText(), { timeout: 10_000 }).toMatch(/webhook\.test\s+delivered\s+1\s+202\s+\d+ ms/);
    expect(receiver.received.filter((r) => r.path === '/pager')).toHaveLength(1);

    // After a reload the secrets are nowhere on the page.
    await page.reload();
    await page.getByRole('heading', { name: 'Endpoints' }).waitFor({ timeout: 10_000 });
    await table.locator('tbody tr').first().waitFor();
    const html = await page.content();
    for (const s of secrets) expect(html).not.toContain(s);
    await ctx.close();
  }, 120_000);
});
