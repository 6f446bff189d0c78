import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findChromium } from '../helpers/browser.js';
import { signInToConsole, useBrowserSuite } from '../helpers/browser-suite.js';
import { dbKind } from '../helpers/test-db.js';
import { login } from '../helpers/test-server.js';
import { audit, formatViolations } from '../helpers/axe.js';
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

  it('webhooks: adds two endpoints, shows each secret once, ' +
    "sends a test and shows it in that endpoint's log", async () => {
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
    await expect
      .poll(() => first.innerText(), { timeout: 10_000 })
      .toMatch(/webhook\.test\s+delivered\s+1\s+202\s+\d+ ms/);
    expect(receiver.received.filter((r) => r.path === '/pager')).toHaveLength(1);

    // After a reload the secrets are nowhere on the page.
    await page.reload();
    await page.getByRole('heading', { name: 'Endpoints' }).waitFor({ timeout: 10_000 });
    await table.locator('tbody tr').first().waitFor();
    const html = await page.content();
    for (const s of secrets) expect(html).not.toContain(s);
    await ctx.close();
  }, 120_000);

  it("office hours: the admin sets a team's week; " +
    'outside it the widget says when the team is back and offers email', async () => {
    const { server, browser } = suite;
    const admin = await login(server);
    const res = await fetch(`${server.url}/api/teams`, {
      method: 'POST',
      headers: { authorization: `Bearer ${admin}`, 'content-type': 'application/json' },
      body: JSON.stringify({
        name: 'Support',
        skills: ['general', 'billing', 'technical', 'security', 'account', 'cancellation', 'bug'],
      }),
    });
    expect(res.status).toBe(201);
    // Open only on the day three days from now (UTC), 09:00-17:00: closed now, back that day at 9.
    const DAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
    const openDay = (new Date().getUTCDay() + 3) % 7;

    const ctx = await browser.newContext({ viewport: { width: 1440, height: 1000 } });
    const page = await ctx.newPage();
    await signInToConsole(page, server.url);
    await page.getByRole('link', { name: 'Agents' }).click();
    const form = page.getByRole('form', { name: 'Office hours of Support' });
    await form.waitFor({ timeout: 10_000 });
    expect(await form.getByTestId('hours-status').innerText()).toContain('Always open');
    await form.getByRole('checkbox', { name: 'Support keeps office hours' }).check();
    await form.getByLabel('Time zone').fill('UTC');
    for (let i = 0; i < 7; i++)
      await form.getByRole('checkbox', { name: `Open on ${DAYS[i]}` }).setChecked(i === openDay);
    await form.getByRole('button', { name: 'Save office hours' }).click();
    await expect
      .poll(() => page.getByTestId('hours-status').innerText(), { timeout: 10_000 })
      .toMatch(/Closed now · back/);
    const saved = (await (
      await fetch(`${server.url}/api/teams`, { headers: { authorization: `Bearer ${admin}` } })
    ).json()) as { teams: Array<{ officeHours: { week: unknown[][] } }> };
    expect(saved.teams[0]!.officeHours.week.map((d) => d.length)).toEqual(DAYS.map((_, i) => (i === openDay ? 1 : 0)));
    await ctx.close();

    const visitorCtx = await browser.newContext({
      viewport: { width: 1280, height: 800 },
      timezoneId: 'UTC',
      locale: 'en-US',
    });
    const visitor = await visitorCtx.newPage();
    await visitor.goto(`${server.url}/billing`);
    const widget = visitor.locator('firstline-widget');
    await widget.getByRole('button', { name: 'Open chat' }).click();
    await widget.getByLabel('Message').fill('I want to talk to a person');
    await widget.getByRole('button', { name: 'Send' }).click();
    const queue = widget.getByTestId('queue-status');
    await queue.waitFor({ timeout: 15_000 });
    expect(await queue.innerText()).toContain(`We're back ${DAYS[openDay]} 9:00 AM`);
    expect(await queue.innerText()).not.toMatch(/position \d|about \d+ min/);
    await widget.getByTestId('contact-form').waitFor({ timeout: 10_000 });
    await visitorCtx.close();
  }, 120_000);

  it('appearance: a colour, greeting, side, ' +
    'team name and initial set in the console restyle the widget on the next load, readable', async () => {
    const { server, browser } = suite;
    const ctx = await browser.newContext({ viewport: { width: 1440, height: 1000 } });
    const page = await ctx.newPage();
    await signInToConsole(page, server.url);
    await page.getByRole('link', { name: 'Agents' }).click();
    const form = page.getByRole('form', { name: 'Widget appearance' });
    await form.waitFor({ timeout: 10_000 });
    // A light yellow: white text would fail contrast, so dark text is picked.
    await form.getByLabel('Hex').fill('#fde047');
    await form.getByLabel('Team name', { exact: true }).fill('Acme Help');
    await form.getByLabel('Launcher position').selectOption('left');
    await form.getByLabel('Greeting', { exact: true }).fill('Hi! Ask us anything about your Acme account.');
    expect(await form.getByTestId('appearance-preview').evaluate((e) => getComputedStyle(e).color)).toBe(
      'rgb(17, 24, 39)',
    );
    await form.getByRole('button', { name: 'Save appearance' }).click();
    await form.getByRole('status').filter({ hasText: 'Saved' }).waitFor({ timeout: 10_000 });
    await ctx.close();

    const visitorCtx = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const visitor = await visitorCtx.newPage();
    await visitor.goto(`${server.url}/billing`);
    const widget = visitor.locator('firstline-widget');
    const launcher = widget.getByRole('button', { name: 'Open chat' });
    await expect
      .poll(() => launcher.evaluate((b) => getComputedStyle(b).backgroundColor), { timeout: 10_000 })
      .toBe('rgb(253, 224, 71)');
    expect(await launcher.evaluate((b) => getComputedStyle(b).color)).toBe('rgb(17, 24, 39)');
    expect((await launcher.boundingBox())!.x).toBeLessThan(100);
    await launcher.click();
    const panel = widget.getByRole('dialog');
    await panel.getByRole('heading', { name: 'Acme Help' }).waitFor({ timeout: 10_000 });
    expect(await panel.innerText()).toContain('Hi! Ask us anything about your Acme account.');
    expect(await widget.locator('.fl-head-avatar').innerText()).toBe('A');
    expect((await panel.boundingBox())!.x).toBeLessThan(100);
    const report = await audit(visitor, 'widget open with a light brand colour');
    expect(report.blocking, formatViolations(report)).toEqual([]);
    await visitorCtx.close();
  }, 120_000);
});
