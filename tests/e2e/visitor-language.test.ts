import { describe, expect, it } from 'vitest';
import { findChromium } from '../helpers/browser.js';
import { useBrowserSuite } from '../helpers/browser-suite.js';
import { dbKind } from '../helpers/test-db.js';

const browserPath = findChromium();
const SHOTS = process.env.SHOTS_DIR;

/**
 * A German visitor in headless Chromium: the widget speaks German (greeting, AI notice, labels,
 * queue and email fallback), the German article answers, and "Talk to a person" hands off in one click.
 */
describe.skipIf(!browserPath.path)(`end to end in Chromium: a German visitor (${dbKind})`, () => {
  const suite = useBrowserSuite(browserPath.path!);

  it('greets in German, answers from the German article and hands off in one click', async () => {
    const { server, browser } = suite;
    const ctx = await browser.newContext({ locale: 'de-DE', viewport: { width: 1100, height: 800 } });
    const page = await ctx.newPage();
    await page.goto(`${server.url}/billing`);
    const widget = page.locator('firstline-widget');
    // Named in the browser's language before the chat (and its catalogue) has loaded.
    await widget.getByRole('button', { name: 'Chat öffnen' }).click();

    // The first interaction says it is an AI, in the browser's language, and offers a person.
    await widget.getByText(/^Hallo! Ich bin ein KI-Assistent/).waitFor({ timeout: 15_000 });
    expect(await widget.locator('.fl-subtitle').innerText()).toMatch(/^KI-Assistent/);
    const human = widget.getByRole('button', { name: 'Mit einer Person sprechen' });
    expect(await human.isVisible()).toBe(true);
    if (SHOTS) await page.screenshot({ path: `${SHOTS}/de-1-greeting.png` });

    // The screen-reader names are German too (the message catalogue), not only the visible texts.
    expect(await widget.getByRole('button', { name: 'Chat schließen' }).count()).toBe(1);
    expect(await widget.getByRole('log', { name: 'Gespräch' }).count()).toBe(1);
    await widget.getByLabel('Nachricht', { exact: true }).fill('Wie ändere ich meine Rechnungs-E-Mail-Adresse?');
    await widget.getByRole('button', { name: 'Senden' }).click();
    const answer = widget.locator('[data-role="ai"]').first();
    await answer.waitFor({ timeout: 15_000 });
    expect(await answer.getByRole('link').first().innerText()).toContain('Rechnungs-E-Mail-Adresse ändern');
    expect(await answer.innerText()).toContain('Ganzen Artikel lesen');
    expect(await widget.getByText('Hat das geholfen?').count()).toBe(1);
    if (SHOTS) await page.screenshot({ path: `${SHOTS}/de-2-answer.png` });

    // One click: the visitor's request shows in German, the handoff and the queue notice too.
    await human.click();
    await widget
      .locator('[data-role="visitor"]', { hasText: 'Ich möchte bitte mit einer Person sprechen.' })
      .waitFor({ timeout: 10_000 });
    await widget.getByText(/^Ich übergebe dieses Gespräch an unser Support-Team/).waitFor({ timeout: 15_000 });
    const queue = widget.getByTestId('queue-status');
    await queue.waitFor({ timeout: 15_000 });
    // Nobody is signed in: no promised wait, and the email fallback, all in German.
    expect(await queue.innerText()).toMatch(/Gerade ist niemand erreichbar/);
    expect(await widget.getByRole('button', { name: 'Per E-Mail fortfahren' }).count()).toBe(1);
    expect(await widget.getByTestId('talk-to-person').count()).toBe(0);
    if (SHOTS) await page.screenshot({ path: `${SHOTS}/de-3-handoff.png` });

    // Closed again, the launcher is named in German.
    await widget.getByRole('button', { name: 'Chat schließen' }).click();
    expect(await widget.getByRole('button', { name: 'Chat öffnen' }).isVisible()).toBe(true);
    await ctx.close();
  }, 90_000);

  it('offers "Talk to a person" to an English visitor too, handing off with reason explicit_request', async () => {
    const { server, browser } = suite;
    const ctx = await browser.newContext({ locale: 'en-US' });
    const page = await ctx.newPage();
    await page.goto(`${server.url}/`);
    const widget = page.locator('firstline-widget');
    await widget.getByRole('button', { name: 'Open chat' }).click();
    await widget.getByText(/^Hi! You're chatting with an AI assistant/).waitFor({ timeout: 15_000 });
    await widget.getByRole('button', { name: 'Talk to a person' }).click();
    await widget.getByTestId('queue-status').waitFor({ timeout: 15_000 });
    const { conversationId } = await page.evaluate(() => {
      const raw = Object.entries(localStorage).find(([k]) => k.includes('session'))?.[1];
      return JSON.parse(raw ?? '{}') as { conversationId: string };
    });
    const token = (await (
      await fetch(`${server.url}/api/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email: 'admin@test.local', password: 'correct-horse-battery' }),
      })
    ).json()) as { token: string };
    const detail = (await (
      await fetch(`${server.url}/api/conversations/${conversationId}`, {
        headers: { authorization: `Bearer ${token.token}` },
      })
    ).json()) as {
      decisions: Array<{ trace: { reasonCode: string } }>;
    };
    expect(detail.decisions.at(-1)!.trace.reasonCode).toBe('explicit_request');
    await ctx.close();
  }, 60_000);
});
