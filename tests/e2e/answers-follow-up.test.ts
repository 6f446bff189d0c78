import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { findChromium } from '../helpers/browser.js';
import { useBrowserSuite } from '../helpers/browser-suite.js';
import { dbKind } from '../helpers/test-db.js';

const browserPath = findChromium();
/** Set SHOTS_DIR to keep screenshots of what the visitor saw. */
const shots = process.env.SHOTS_DIR;

describe.skipIf(!browserPath.path)(`answers in Chromium: lists, one source, a follow-up in context (${dbKind})`, () => {
  const suite = useBrowserSuite(browserPath.path!);

  it('a two-turn follow-up: steps as a numbered list, ' +
    'one linked source line each, the follow-up read in context', async () => {
    const { server, browser } = suite;
    const ctx = await browser.newContext({ viewport: { width: 1100, height: 900 } });
    const page = await ctx.newPage();
    await page.goto(`${server.url}/billing`);
    const widget = page.locator('firstline-widget');
    await widget.getByRole('button', { name: 'Open chat' }).click();
    await widget.getByLabel('Message').fill('How do I change my billing email?');
    await widget.getByRole('button', { name: 'Send' }).click();
    const first = widget.locator('[data-role="ai"]').first();
    await first.waitFor({ timeout: 15_000 });

    // Steps are a real numbered list, bold labels are bold, and no Markdown marks show.
    const steps = first.locator('.fl-rich ol > li');
    expect(await steps.count()).toBe(4);
    expect(await steps.first().innerText()).toBe('Go to Settings > Billing.');
    expect(await first.locator('.fl-rich ol > li b').first().innerText()).toBe('Settings > Billing');
    expect(await first.innerText()).not.toMatch(/\*\*|Source:/);
    // One source line, linked to the article.
    const links = first.locator('.fl-cites a');
    expect(await links.count()).toBe(1);
    expect(await links.first().getAttribute('href')).toMatch(/\/help\/billing-email$/);
    expect(await first.locator('.fl-cites-label').innerText()).toBe('Read the full article');
    if (shots) await page.screenshot({ path: path.join(shots, 'answer-steps.png') });

    await widget.getByLabel('Message').fill('And what about my login email?');
    await widget.getByRole('button', { name: 'Send' }).click();
    const second = widget.locator('[data-role="ai"]').nth(1);
    await second.waitFor({ timeout: 15_000 });
    expect(await second.innerText()).toContain('Profile > Account > Email');
    expect(await second.locator('.fl-rich ul > li').count()).toBe(1);
    expect(await second.locator('.fl-cites a').count()).toBe(1);
    if (shots) await page.screenshot({ path: path.join(shots, 'answer-follow-up.png') });
    await ctx.close();
  }, 90_000);
});
