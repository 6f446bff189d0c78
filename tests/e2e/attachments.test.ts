import { mkdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { findChromium } from '../helpers/browser.js';
import { signInToConsole, useBrowserSuite } from '../helpers/browser-suite.js';
import { dbKind } from '../helpers/test-db.js';

const browserPath = findChromium();
const SHOTS = process.env.SHOTS_DIR;

describe.skipIf(!browserPath.path)(`attachments in Chromium: widget to console (${dbKind})`, () => {
  const suite = useBrowserSuite(browserPath.path!);

  it('a visitor attaches a screenshot in the widget; ' +
    'it shows in their transcript and, as a preview, in the console', async () => {
    const { server, browser } = suite;
    const visitorCtx = await browser.newContext({ viewport: { width: 1100, height: 760 } });
    const agentCtx = await browser.newContext({ viewport: { width: 1280, height: 860 } });
    const visitor = await visitorCtx.newPage();
    const agent = await agentCtx.newPage();
    if (SHOTS) mkdirSync(SHOTS, { recursive: true });

    await visitor.goto(`${server.url}/billing`);
    const screenshot = await visitor.screenshot({ type: 'png' });
    const widget = visitor.locator('firstline-widget');
    await widget.getByRole('button', { name: 'Open chat' }).click();
    await widget
      .locator('input[type="file"]')
      .setInputFiles({ name: 'billing-error.png', mimeType: 'image/png', buffer: screenshot });
    // Uploaded: the file waits as a chip with a way to remove it.
    await widget.getByRole('button', { name: 'Remove billing-error.png' }).waitFor({ timeout: 15_000 });
    await widget.getByLabel('Message').fill('I want to talk to a person, this error shows on billing');
    if (SHOTS) await visitor.screenshot({ path: `${SHOTS}/widget-attached.png` });
    await widget.getByRole('button', { name: 'Send' }).click();

    const thumb = widget.locator('[data-role="visitor"] img.fl-thumb');
    await thumb.waitFor({ timeout: 15_000 });
    await expect
      .poll(() => thumb.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth), { timeout: 10_000 })
      .toBe(1100);
    expect(await thumb.getAttribute('alt')).toBe('Attached: billing-error.png');
    await widget.getByTestId('queue-status').waitFor({ timeout: 15_000 });
    if (SHOTS) await visitor.screenshot({ path: `${SHOTS}/widget-sent.png` });

    await signInToConsole(agent, server.url);
    const row = agent.getByTestId('queue-row').first();
    await row.waitFor({ timeout: 15_000 });
    await row.click();
    const preview = agent.getByTestId('attachment-image').locator('img');
    await preview.waitFor({ timeout: 15_000 });
    await expect
      .poll(() => preview.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth), { timeout: 10_000 })
      .toBe(1100);
    expect(await preview.getAttribute('src')).toMatch(/^blob:/);
    expect(await agent.getByTestId('attachment-image').innerText()).toContain('billing-error.png');
    if (SHOTS) await agent.screenshot({ path: `${SHOTS}/console-preview.png` });

    await visitorCtx.close();
    await agentCtx.close();
  }, 120_000);
});
