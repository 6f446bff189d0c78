import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { priorityBand } from '../../protocol/priority-bands.js';
import { findChromium } from '../helpers/browser.js';
import { signInToConsole, useBrowserSuite } from '../helpers/browser-suite.js';
import { connect, emitAck, login, nextEvent } from '../helpers/test-server.js';
import { dbKind } from '../helpers/test-db.js';

const browserPath = findChromium();

/** Is the element's box inside the scrolling log's visible box (the newest message in view)? */
async function inView(page: Page, selector: string): Promise<boolean> {
  return page.locator('firstline-widget').evaluate((host, sel) => {
    const root = (host as HTMLElement).shadowRoot!;
    const log = root.querySelector('.fl-log')!.getBoundingClientRect();
    const items = root.querySelectorAll(sel);
    const last = items[items.length - 1]?.getBoundingClientRect();
    return !!last && last.bottom <= log.bottom + 1 && last.top >= log.top - 1;
  }, selector);
}

/**
 * What a new user sees in the first ten minutes (issue 12): the widget after a handoff, the
 * queue's priority labels, the brief, the escalation task and the analytics chart.
 */
describe.skipIf(!browserPath.path)(`first run in Chromium: what a new user sees (${dbKind})`, () => {
  const suite = useBrowserSuite(browserPath.path!);

  it('shows true, consistent screens from the handoff to the numbers', async () => {
    const { server, browser } = suite;
    const visitorCtx = await browser.newContext({ viewport: { width: 1280, height: 720 } });
    const agentCtx = await browser.newContext({ viewport: { width: 1440, height: 900 } });
    const visitor = await visitorCtx.newPage();
    const agent = await agentCtx.newPage();

    // 1. Widget: the demo page identifies Dana (with her email); nobody from the team is online.
    await visitor.goto(`${server.url}/billing`);
    const widget = visitor.locator('firstline-widget');
    await widget.getByRole('button', { name: 'Open chat' }).click();
    await widget.getByLabel('Message').fill('How do I change my billing email?');
    await widget.getByRole('button', { name: 'Send' }).click();
    await widget.locator('[data-role="ai"]').first().waitFor({ timeout: 15_000 });
    await widget.getByLabel('Message').fill('I want to talk to a person');
    await widget.getByRole('button', { name: 'Send' }).click();
    const queue = widget.getByTestId('queue-status');
    await queue.waitFor({ timeout: 15_000 });
    const form = widget.getByTestId('contact-form');
    await form.waitFor({ timeout: 10_000 });
    // One true thing: no position or wait promised while nobody is available.
    const notice = `${await queue.innerText()} ${await form.innerText()}`;
    expect(notice).toMatch(/Nobody is available right now/);
    expect(notice).not.toMatch(/position \d|about \d+ min/);
    expect(notice.match(/available right now/g)).toHaveLength(1);
    // The email the host page passed through identify is already filled in.
    expect(await widget.getByLabel('Your email').inputValue()).toBe('dana@example.com');
    // The newest message stays in view although the notices took space from the transcript.
    await expect.poll(() => inView(visitor, '.fl-msg'), { timeout: 5_000 }).toBe(true);

    // 2. Queue: the label is the band of the server's 0..100 priority, the same bands as the SLA.
    const admin = await login(server);
    const queued = (await (
      await fetch(`${server.url}/api/conversations?status=queued`, { headers: { authorization: `Bearer ${admin}` } })
    ).json()) as {
      conversations: Array<{ id: string; priority: number }>;
    };
    const dana = queued.conversations[0]!;
    await signInToConsole(agent, server.url);
    const row = agent.locator(`[data-testid="queue-row"][data-conversation-id="${dana.id}"]`);
    await row.waitFor({ timeout: 15_000 });
    expect(dana.priority).toBeLessThan(70);
    expect((await row.locator('.priority').innerText()).toLowerCase()).toBe(
      priorityBand(dana.priority).label.toLowerCase(),
    );

    // 3. The brief: the actual issue, signals painted only on their tripping side, the contact email.
    await row.click();
    const brief = agent.getByTestId('handoff-brief');
    await brief.waitFor({ timeout: 10_000 });
    expect(await brief.locator('.brief-text').innerText()).toMatch(/^Issue: How do I change my billing email\?/m);
    const signalRow = (name: string) =>
      brief.locator('table.signals tbody tr', { has: agent.locator('th', { hasText: new RegExp(`^${name}$`) }) });
    expect(await signalRow('sentiment').getAttribute('class')).not.toContain('is-over');
    expect(await signalRow('human_request').getAttribute('class')).toContain('is-over');
    expect(await agent.getByTestId('contact-email').innerText()).toContain('dana@example.com');

    // 4. An agent joins: the visitor sees one "joined" line, and it is in view.
    await agent.getByRole('button', { name: 'Claim' }).click();
    await widget
      .locator('[data-role="system"]', { hasText: /joined/ })
      .first()
      .waitFor({ timeout: 15_000 });
    await visitor.waitForTimeout(300);
    expect(await widget.locator('[data-role="system"]', { hasText: /joined/ }).count()).toBe(1);
    await expect.poll(() => inView(visitor, '.fl-msg'), { timeout: 5_000 }).toBe(true);

    // 5. A missed SLA: the task shows its deadline as a time, and the bar stays on one line with the bell's count.
    await server.db.query(
      `UPDATE conversations SET first_response_due_at = now() ` +
        `- interval '1 minute', first_human_response_at = NULL WHERE id = $1`,
      [dana.id],
    );
    expect((await server.jobs.sla()).breached).toBe(1);
    // A busy morning: a dozen unread notifications and someone waiting, so both counts show.
    for (let i = 0; i < 11; i++)
      await server.db.query(
        `INSERT INTO notifications (user_id, kind, title) VALUES (NULL, 'handoff', 'A conversation is waiting')`,
      );
    const waiting = await connect(`${server.url}/visitor`, { page: { url: 'http://localhost/', title: 'Home' } });
    await nextEvent(waiting, 'session');
    await emitAck(waiting, 'message', { clientMessageId: 'waiting-1', text: 'I want to talk to a person' });
    await server.idle();
    await agent.goto(`${server.url}/console/queue`);
    const tasks = agent.locator('.tasks');
    await tasks.waitFor({ timeout: 10_000 });
    const taskText = await tasks.innerText();
    expect(taskText).toMatch(/first response deadline passed/);
    expect(taskText).not.toMatch(/\d{4}-\d\d-\d\dT\d\d:/);
    await agent.locator('.notif-button .badge', { hasText: '12' }).waitFor({ timeout: 10_000 });
    await agent.locator('.nav-link .badge').waitFor({ timeout: 10_000 });
    const tops = await agent
      .locator('.topbar > *, .topbar .nav-link, .topbar-end > *')
      .evaluateAll((els) =>
        els.map((e) => Math.round(e.getBoundingClientRect().top + e.getBoundingClientRect().height / 2)),
      );
    expect(Math.max(...tops) - Math.min(...tops), 'the top bar wraps to a second line').toBeLessThan(12);
    waiting.close();

    // 6. Analytics with one day of data: bars are drawn, and "Resolved by the AI" says what it counts.
    await agent.goto(`${server.url}/console/analytics`);
    const chart = agent.locator('.chart-svg').first();
    await chart.waitFor({ timeout: 10_000 });
    const heights = await chart.locator('rect').evaluateAll((rs) => rs.map((r) => r.getBoundingClientRect().height));
    expect(heights.length).toBeGreaterThan(0);
    expect(heights.every((h) => h > 0)).toBe(true);
    // Counts are whole numbers: no "0.25 conversations" on the axis.
    const labels = await chart.locator('text').evaluateAll((ts) => ts.map((t) => (t.textContent ?? '').trim()));
    expect(
      labels.filter((t) => !/^\d\d-\d\d$/.test(t)).every((t) => /^\d+$/.test(t)),
      labels.join(' '),
    ).toBe(true);
    const resolved = agent.locator('.metric', { hasText: 'Resolved by the AI' });
    expect(await resolved.getByTestId('metric-definition').innerText()).toMatch(/yes, this helped/);

    // 7. A week of data: one group of bars per day with data, labelled by day.
    for (let i = 1; i <= 6; i++) {
      const s = await connect(`${server.url}/visitor`, { page: { url: 'http://localhost/billing', title: 'Billing' } });
      const { conversationId } = await nextEvent<{ conversationId: string }>(s, 'session');
      await emitAck(s, 'message', { clientMessageId: `week-${i}`, text: 'How do I change my billing email?' });
      await server.idle();
      s.close();
      await server.db.query(
        `UPDATE conversations SET created_at = created_at - ($2::int * interval '1 day') WHERE id = $1`,
        [conversationId, i],
      );
    }
    await agent.getByLabel('Range').selectOption('7d');
    await expect.poll(() => chart.locator('text', { hasText: /^\d\d-\d\d$/ }).count(), { timeout: 10_000 }).toBe(7);
    const groups = await chart.locator('rect[data-series="conversations"]').count();
    expect(groups).toBe(7);

    await visitorCtx.close();
    await agentCtx.close();
  }, 120_000);
});
