// The accessibility gate: axe-core (WCAG 2.1 A and AA) over the widget on the demo page and over
// the console, failing on serious or critical findings; plus the widget's keyboard contract.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BrowserContextOptions, Locator, Page } from 'playwright-core';
import { audit, formatViolations, type AuditReport } from '../helpers/axe.js';
import { findChromium } from '../helpers/browser.js';
import { signInToConsole, useBrowserSuite } from '../helpers/browser-suite.js';
import { FakeOpenAiServer, type ChatRequestBody } from '../helpers/fake-openai-server.js';
import { dbKind } from '../helpers/test-db.js';
import { ratingLabel } from '../../widget/follow-up.js';
import { connect, emitAck, login, nextEvent } from '../helpers/test-server.js';

const browserPath = findChromium();

const ANSWER =
  'Open Settings > Billing, edit the billing email field and press Save. ' +
  'Invoices go to the new address from the next billing cycle on [1].';

/** Streams answers slowly enough to audit the widget mid-answer; the other model calls get plain replies. */
function scriptModel(fake: FakeOpenAiServer): void {
  fake.reply = (body: ChatRequestBody) => {
    if (body.response_format?.json_schema?.name === 'intent_choice') return { text: '{"intent":"none"}' };
    if (!body.stream) return { text: 'The visitor asked for a person about billing. Greet them and ask for details.' };
    return { text: ANSWER, chunkDelayMs: 150 };
  };
}

/**
 * Fails with every serious or critical violation of every audit listed; prints the lesser ones too,
 * and with A11Y_VERBOSE=1 what axe left for a person to review.
 */
function expectNoBlocking(reports: AuditReport[]): void {
  for (const r of reports) if (r.violations.length) console.log(formatViolations(r));
  if (process.env.A11Y_VERBOSE)
    for (const r of reports)
      if (r.incomplete.length) console.log(formatViolations(r, r.incomplete, 'to review by hand'));
  const blocking = reports.filter((r) => r.blocking.length);
  expect(blocking.map((r) => formatViolations(r, r.blocking)).join('\n')).toBe('');
}

/** The element focused inside <firstline-widget>'s shadow root, by accessible name, or what has focus outside it. */
function focused(page: Page): Promise<string> {
  return page.evaluate(() => {
    const host = document.activeElement;
    if (host?.tagName !== 'FIRSTLINE-WIDGET') return `page:${host?.tagName.toLowerCase() ?? 'none'}`;
    const el = host.shadowRoot?.activeElement;
    return `widget:${el?.getAttribute('aria-label') ?? el?.textContent?.trim() ?? 'none'}`;
  });
}

async function tabTo(page: Page, target: string, max = 40): Promise<void> {
  for (let i = 0; i < max; i++) {
    if ((await focused(page)) === target) return;
    await page.keyboard.press('Tab');
  }
  throw new Error(`${target} not reached in ${max} Tab presses (focus on ${await focused(page)})`);
}

describe.skipIf(!browserPath.path)(
  `accessibility in Chromium: axe-core WCAG 2.1 AA and the keyboard (${dbKind})`,
  () => {
    const fake = new FakeOpenAiServer();
    beforeAll(async () => {
      await fake.start();
      scriptModel(fake);
    });
    afterAll(() => fake.stop());
    const suite = useBrowserSuite(browserPath.path!, {
      env: () => ({
        OPENAI_API_KEY: 'test-key',
        OPENAI_BASE_URL: fake.url,
        OPENAI_CHAT_MODEL: 'fake-model',
        OPENAI_TIMEOUT_MS: '10000',
      }),
    });

    it(
      'the widget opens with Enter on the launcher, ' +
        'focuses the message box, and Escape closes it back to the launcher',
      async () => {
        const ctx = await suite.browser.newContext();
        const page = await ctx.newPage();
        await page.goto(`${suite.server.url}/`);
        const widget = page.locator('firstline-widget');
        await widget.getByRole('button', { name: 'Open chat' }).waitFor();

        await tabTo(page, 'widget:Open chat');
        await page.keyboard.press('Enter');
        await widget.getByRole('dialog').waitFor();
        expect(await focused(page)).toBe('widget:Message');
        // Beside the page on a wide screen it is non-modal: the visitor may Tab on into the host page.
        expect(await widget.getByRole('dialog').getAttribute('aria-modal')).toBe('false');

        // Shift+Tab goes back through the panel, Tab comes forward to the message box again. The
        // suggested questions arrive a moment after opening; wait so the tab order is final.
        await widget.getByRole('group', { name: 'Suggested questions' }).waitFor();
        await page.keyboard.press('Shift+Tab');
        expect(await focused(page)).toMatch(/^widget:(?!Message$)/);
        await page.keyboard.press('Tab');
        expect(await focused(page)).toBe('widget:Message');

        await page.keyboard.press('Escape');
        await widget.getByRole('dialog').waitFor({ state: 'hidden' });
        expect(await focused(page)).toBe('widget:Open chat');

        // The close button does the same.
        await page.keyboard.press('Enter');
        await tabTo(page, 'widget:Close chat');
        await page.keyboard.press('Enter');
        await widget.getByRole('dialog').waitFor({ state: 'hidden' });
        expect(await focused(page)).toBe('widget:Open chat');
        await ctx.close();
      },
    );

    it('on a phone-sized screen the open panel covers the page, is modal and keeps Tab inside it', async () => {
      const ctx = await suite.browser.newContext({
        viewport: { width: 390, height: 740 },
        isMobile: true,
        hasTouch: true,
      });
      const page = await ctx.newPage();
      await page.goto(`${suite.server.url}/`);
      const widget = page.locator('firstline-widget');
      await widget.getByRole('button', { name: 'Open chat' }).click();
      const dialog = widget.getByRole('dialog');
      await dialog.waitFor();
      expect(await dialog.getAttribute('aria-modal')).toBe('true');
      const report = await audit(page, 'widget open full-screen (phone)');
      expect(report.nodesInShadow).toBeGreaterThan(0);
      expectNoBlocking([report]);
      const inPanel = new Set<string>();
      for (let i = 0; i < 12; i++) {
        await page.keyboard.press('Tab');
        const f = await focused(page);
        expect(f, `Tab ${i + 1} left the panel`).toMatch(/^widget:/);
        inPanel.add(f);
      }
      expect(inPanel).toContain('widget:Close chat');
      for (let i = 0; i < 12; i++) {
        await page.keyboard.press('Shift+Tab');
        expect(await focused(page), `Shift+Tab ${i + 1} left the panel`).toMatch(/^widget:/);
      }
      await page.keyboard.press('Escape');
      await dialog.waitFor({ state: 'hidden' });
      expect(await focused(page)).toBe('widget:Open chat');
      await ctx.close();
    });

    it('the widget passes axe closed, while an answer streams, ' +
      'answered, handed off, with an agent, and resolved', async () => {
      const { server } = suite;
      const ctx = await suite.browser.newContext();
      const page = await ctx.newPage();
      const reports: AuditReport[] = [];
      await page.goto(`${suite.server.url}/billing`);
      const widget = page.locator('firstline-widget');
      await widget.getByRole('button', { name: 'Open chat' }).waitFor();
      reports.push(await audit(page, 'demo page, widget closed'));

      await widget.getByRole('button', { name: 'Open chat' }).click();
      reports.push(await audit(page, 'widget open, empty'));

      const send = async (text: string) => {
        await widget.getByLabel('Message').fill(text);
        await page.keyboard.press('Enter');
      };
      await send('How do I change my billing email?');
      await widget.locator('[data-role="ai-draft"]').waitFor({ timeout: 15_000 });
      reports.push(await audit(page, 'widget open, AI answer streaming'));
      const answer = widget.locator('[data-role="ai"]').first();
      await answer.waitFor({ timeout: 15_000 });
      expect(await answer.innerText()).toContain('billing email');
      reports.push(await audit(page, 'widget open, AI answer streamed'));

      // The answer and the queue position are announced politely.
      expect(await widget.getByRole('log').getAttribute('aria-live')).toBe('polite');
      await send('I want to talk to a person');
      const queue = widget.getByTestId('queue-status');
      await queue.waitFor({ timeout: 15_000 });
      expect(await liveRegionOf(queue)).toBe('polite');
      reports.push(await audit(page, 'widget open, handed off (queue position)'));

      // An agent takes it, replies and resolves: the reply, then the rating form.
      const token = await login(server);
      const queued = (await (
        await fetch(`${server.url}/api/conversations?status=queued`, { headers: { authorization: `Bearer ${token}` } })
      ).json()) as { conversations: Array<{ id: string }> };
      expect(queued.conversations).toHaveLength(1);
      const conversationId = queued.conversations[0]!.id;
      const agent = await connect(`${server.url}/agent`, { token });
      try {
        expect(await emitAck(agent, 'claim', { conversationId })).toMatchObject({ ok: true });
        expect(
          await emitAck(agent, 'message', {
            conversationId,
            clientMessageId: 'a11y-agent-1',
            text: 'Hi, I can help with your billing email.',
          }),
        ).toMatchObject({ ok: true });
        await widget.locator('[data-role="agent"]').waitFor({ timeout: 10_000 });
        reports.push(await audit(page, 'widget open, agent replied'));
        expect(await emitAck(agent, 'resolve', { conversationId })).toMatchObject({ ok: true });
        await widget.getByTestId('csat-form').waitFor({ timeout: 10_000 });
        await widget.getByRole('button', { name: ratingLabel(5) }).click();
        reports.push(await audit(page, 'widget open, resolved (rating form)'));
      } finally {
        agent.close();
      }

      for (const r of reports)
        expect(r.nodesInShadow, `${r.label}: axe did not reach into the widget's shadow root`).toBeGreaterThan(0);
      expectNoBlocking(reports);
      await ctx.close();
    }, 90_000);

    for (const colorScheme of ['light', 'dark'] as const) {
      it(`the console passes axe (${colorScheme}): sign-in, ` +
        `queue, conversation, knowledge, conversation tests`, async () => {
        const { server, browser } = suite;
        // A visitor waiting for a person, so the queue has a row and the conversation a brief.
        const visitor = await connect(`${server.url}/visitor`, {
          page: { url: `${server.url}/billing`, title: 'Billing' },
        });
        await nextEvent(visitor, 'session');
        await emitAck(visitor, 'message', {
          clientMessageId: `a11y-${colorScheme}`,
          text: 'I want to talk to a person about my invoice',
        });
        await nextEvent(visitor, 'handoff', () => true, 15_000);

        const ctx = await browser.newContext({ colorScheme } satisfies BrowserContextOptions);
        const page = await ctx.newPage();
        const reports: AuditReport[] = [];
        await page.goto(`${server.url}/console`);
        await page.getByLabel('Email').waitFor();
        reports.push(await audit(page, `console sign-in (${colorScheme})`));

        await signInToConsole(page, server.url);
        const row = page.getByTestId('queue-row').first();
        await row.waitFor({ timeout: 15_000 });
        reports.push(await audit(page, `console queue (${colorScheme})`));

        await row.click();
        await page.getByTestId('handoff-brief').waitFor({ timeout: 10_000 });
        reports.push(await audit(page, `console conversation (${colorScheme})`));
        await page.getByRole('button', { name: 'Claim' }).click();
        await page.getByLabel('Reply').waitFor({ timeout: 10_000 });
        reports.push(await audit(page, `console conversation, claimed (${colorScheme})`));

        await page.getByRole('link', { name: 'Knowledge' }).first().click();
        await page.getByTestId('article-row').first().waitFor({ timeout: 10_000 });
        reports.push(await audit(page, `console knowledge (${colorScheme})`));

        // Conversation tests, by keyboard: load the sample from the empty state, Ctrl+Enter runs it.
        await page.getByRole('link', { name: 'Tests' }).first().click();
        await page.getByRole('button', { name: 'Load a sample suite' }).click();
        await page.getByLabel('Test conversations (JSONL)').press('Control+Enter');
        await page.getByText(/\d+ of \d+ passed/).waitFor({ timeout: 30_000 });
        await page.locator('summary').first().press('Enter');
        reports.push(await audit(page, `console conversation tests (${colorScheme})`));

        visitor.close();
        expectNoBlocking(reports);
        await ctx.close();
      }, 90_000);
    }
  },
);

/** The politeness of the live region an element is announced through (explicit or implied by its role). */
function liveRegionOf(el: Locator): Promise<string | null> {
  return el.evaluate((node) => {
    const implied: Record<string, string> = { status: 'polite', log: 'polite', alert: 'assertive' };
    for (let n: Element | null = node; n; n = n.parentElement) {
      const live = n.getAttribute('aria-live') ?? implied[n.getAttribute('role') ?? ''];
      if (live) return live;
    }
    return null;
  });
}
