import { mkdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { audit, formatViolations, type AuditReport } from '../helpers/axe.js';
import { findChromium } from '../helpers/browser.js';
import { signInToConsole, useBrowserSuite } from '../helpers/browser-suite.js';
import { login } from '../helpers/test-server.js';
import { dbKind } from '../helpers/test-db.js';

const browserPath = findChromium();
/** Screenshots for people to look at (SHOTS_DIR); the assertions do not depend on them. */
const SHOTS = process.env.SHOTS_DIR;
if (SHOTS) mkdirSync(SHOTS, { recursive: true });
const shot = async (page: Page, name: string) => {
  if (SHOTS) await page.screenshot({ path: `${SHOTS}/${name}.png`, fullPage: true });
};

/**
 * An agent's first day in the console (issue 12): a display name asked at first sign-in and shown
 * to the customer, empty screens that say what to do next, queue rows with the last message and
 * its age, conversation search with highlighted matches, and the visitor's earlier conversations.
 */
describe.skipIf(!browserPath.path)(`an agent's day one in the console (${dbKind})`, () => {
  // No demo data: every screen starts empty, as on a real first install.
  const suite = useBrowserSuite(browserPath.path!, { env: () => ({ SEED_DEMO: '0' }) });

  it('asks for a display name, explains empty screens, and finds conversations', async () => {
    const { server, browser } = suite;
    const agentCtx = await browser.newContext({ viewport: { width: 1440, height: 900 } });
    const visitorCtx = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const agent = await agentCtx.newPage();
    const visitor = await visitorCtx.newPage();
    await agent.clock.install();
    // axe-core (WCAG 2.1 AA) on each new screen; checked together at the end.
    const reports: AuditReport[] = [];

    // 1. First sign-in: a name customers will see, and no way around giving one.
    await signInToConsole(agent, server.url, undefined, { displayName: false });
    const dialog = agent.getByRole('dialog', { name: 'What should customers call you?' });
    await dialog.waitFor();
    const save = dialog.getByRole('button', { name: 'Save and continue' });
    // The account is called "Admin": no guess from that, so nothing to save yet.
    expect(await dialog.getByLabel('Display name').inputValue()).toBe('');
    expect(await save.isDisabled()).toBe(true);
    await agent.keyboard.press('Escape');
    expect(await dialog.isVisible()).toBe(true);
    await dialog.getByLabel('Display name').fill('Maya');
    expect(await dialog.getByTestId('display-name-preview').innerText()).toContain('Maya joined the conversation.');
    await shot(agent, '01-display-name-dialog');
    reports.push(await audit(agent, 'display name dialog'));
    await save.click();
    await dialog.waitFor({ state: 'detached' });
    expect(await agent.locator('.topbar .me').innerText()).toContain('Maya');

    // 2. Empty screens say what to do next, with the button or link that does it.
    const empty = agent.getByTestId('queue-empty');
    await empty.waitFor({ timeout: 10_000 });
    expect(await empty.innerText()).toMatch(/ask for a person/);
    expect(await empty.getByRole('link', { name: 'Open the demo app' }).getAttribute('href')).toBe('/');
    await shot(agent, '02-queue-empty');
    reports.push(await audit(agent, 'queue, empty'));
    const screens: Array<[string, string, RegExp, string]> = [
      ['knowledge', 'knowledge-empty', /Upload your help center/, 'Upload files'],
      ['analytics', 'analytics-empty', /ask the widget a question/, 'Open the demo app'],
      ['canned', 'canned-empty', /typing \/ and its shortcut/, 'Add the first reply'],
    ];
    for (const [path, testId, hint, action] of screens) {
      await agent.goto(`${server.url}/console/${path}`);
      const box = agent.getByTestId(testId);
      await box.waitFor({ timeout: 10_000 });
      expect(await box.innerText()).toMatch(hint);
      await box.getByRole(path === 'analytics' ? 'link' : 'button', { name: action }).waitFor();
      await shot(agent, `03-${path}-empty`);
      reports.push(await audit(agent, `${path}, empty`));
    }
    await agent.goto(`${server.url}/console/tests`);
    expect(await agent.getByTestId('tests-empty').innerText()).toMatch(/No test conversations yet/);
    await agent.getByRole('button', { name: 'Load a sample suite' }).waitFor();

    // 3. A customer asks for a person; they came twice before.
    await visitor.goto(`${server.url}/billing`);
    const widget = visitor.locator('firstline-widget');
    await widget.getByRole('button', { name: 'Open chat' }).click();
    await widget.getByLabel('Message').fill('I was charged twice for my <b>subscription</b>');
    await widget.getByRole('button', { name: 'Send' }).click();
    await widget.locator('[data-role="ai"], [data-role="system"]').first().waitFor({ timeout: 15_000 });
    await widget.getByLabel('Message').fill('I want to talk to a person');
    await widget.getByRole('button', { name: 'Send' }).click();
    await widget.getByTestId('queue-status').waitFor({ timeout: 15_000 });
    await server.idle();
    const admin = await login(server);
    const { conversations } = (await (
      await fetch(`${server.url}/api/conversations?status=queued`, { headers: { authorization: `Bearer ${admin}` } })
    ).json()) as {
      conversations: Array<{ id: string; visitorId: string }>;
    };
    const current = conversations[0]!;
    await server.db.query(
      `INSERT INTO conversations (id, visitor_id, status, created_at, updated_at, resolved_at)
       VALUES ('earlier-1', $1, 'resolved', now() - interval '3 days', now() - interval '3 days', now()
         - interval '3 days')`,
      [current.visitorId],
    );
    await server.db.query(
      `INSERT INTO messages (id, conversation_id, role, text, created_at) VALUES ('earlier-1-m1', ` +
        `'earlier-1', 'visitor', 'How do I export my invoices as PDF?', now() - interval '3 days')`,
    );

    // 4. The queue row: the handoff reason, the last message and its age, kept current.
    await agent.goto(`${server.url}/console/queue`);
    const row = agent.locator(`[data-testid="queue-row"][data-conversation-id="${current.id}"]`);
    await row.waitFor({ timeout: 15_000 });
    const last = row.getByTestId('queue-last-message');
    expect(await last.innerText()).toMatch(/^Visitor:\s*I want to talk to a person/);
    expect(await row.getByTestId('queue-last-age').innerText()).toBe('just now');
    await agent.clock.fastForward('03:00');
    await expect.poll(() => row.getByTestId('queue-last-age').innerText(), { timeout: 10_000 }).toBe('3 min ago');
    await shot(agent, '04-queue');
    reports.push(await audit(agent, 'queue with a row'));

    // 5. The conversation: the customer panel lists the earlier visit, which opens on click.
    await row.click();
    const history = agent.getByTestId('visitor-history');
    const link = history.getByTestId('history-link');
    await link.waitFor({ timeout: 10_000 });
    expect(await link.innerText()).toMatch(/resolved[\s\S]*How do I export my invoices as PDF\?/);
    await history.scrollIntoViewIfNeeded();
    if (SHOTS) await agent.screenshot({ path: `${SHOTS}/05-conversation-customer-panel.png` });
    reports.push(await audit(agent, 'conversation with the customer history'));

    // 6. Maya claims: the customer sees her name and initial, never the account name.
    await agent.getByRole('button', { name: 'Claim' }).click();
    await agent.getByLabel('Reply').fill('Hi Dana, I am looking at the double charge now.');
    await agent.getByLabel('Reply').press('Enter');
    const reply = widget.locator('[data-role="agent"]').first();
    await reply.waitFor({ timeout: 15_000 });
    expect(await reply.locator('.fl-author').innerText()).toMatch(/^M\s*Maya$/);
    expect(await reply.locator('.fl-avatar').innerText()).toBe('M');
    const joined = widget.locator('[data-role="system"]', { hasText: /joined/ });
    expect(await joined.count()).toBe(1);
    expect(await joined.innerText()).toContain('Maya joined the conversation.');
    expect(await widget.locator('.fl-log').innerText()).not.toMatch(/Admin/);
    await visitor.screenshot({ path: SHOTS ? `${SHOTS}/06-widget-agent-name.png` : undefined });

    await link.click();
    await agent.waitForURL(/\/console\/c\/earlier-1$/);
    await agent.locator('[data-role="visitor"]', { hasText: 'export my invoices' }).waitFor({ timeout: 10_000 });

    // 7. Search: "/" focuses the box; matches are marked, the text stays text.
    await agent.goto(`${server.url}/console/queue`);
    await agent.getByRole('tab', { name: /Queued/ }).waitFor({ timeout: 15_000 });
    await agent.locator('body').click({ position: { x: 5, y: 600 } });
    await agent.keyboard.press('/');
    const box = agent.getByRole('searchbox', { name: 'Search conversations' });
    await box.waitFor();
    await expect.poll(() => box.evaluate((el) => el === document.activeElement)).toBe(true);
    await box.fill('charges');
    await box.press('Enter');
    const hit = agent.getByTestId('search-hit');
    await hit.first().waitFor({ timeout: 10_000 });
    expect(await hit.count()).toBe(1);
    expect(await hit.locator('mark').allInnerTexts()).toEqual(['charged']);
    expect(await hit.innerText()).toContain('<b>subscription</b>');
    expect(await hit.locator('b').count()).toBe(0);
    await shot(agent, '07-search-results');
    reports.push(await audit(agent, 'search results'));
    // By the visitor's name, from the demo page's identify call.
    await box.fill('dana');
    await box.press('Enter');
    await expect.poll(() => hit.first().locator('mark').first().innerText(), { timeout: 10_000 }).toMatch(/^Dana$/i);
    await box.fill('zebra unicorn');
    await box.press('Enter');
    const none = agent.getByTestId('search-empty');
    await none.waitFor({ timeout: 10_000 });
    expect(await none.innerText()).toMatch(/Nothing matches “zebra unicorn”/);
    await none.getByRole('link', { name: 'Open the queue' }).waitFor();
    await shot(agent, '08-search-empty');
    reports.push(await audit(agent, 'search, no hits'));
    const blocking = reports.filter((r) => r.blocking.length);
    expect(blocking.map((r) => formatViolations(r, r.blocking)).join('\n')).toBe('');

    await agentCtx.close();
    await visitorCtx.close();
  }, 180_000);
});
