// Click to interactive: the pointer on the launcher starts the chat chunk download and opens
// socket.io's WebSocket at once; the chat then takes that very socket (one connection, no second
// handshake, no long-polling first).
import type { WebSocket as PwWebSocket } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { findChromium } from '../helpers/browser.js';
import { useBrowserSuite } from '../helpers/browser-suite.js';
import { dbKind } from '../helpers/test-db.js';

const browserPath = findChromium();

describe.skipIf(!browserPath.path)(`launcher warm-up in Chromium (${dbKind})`, () => {
  const suite = useBrowserSuite(browserPath.path!);

  it('hovering the launcher fetches the chat and opens the socket; the click uses that same socket', async () => {
    const ctx = await suite.browser.newContext();
    const page = await ctx.newPage();
    // Idle-time prefetch held off, so only the hover can have fetched anything.
    await page.addInitScript('window.requestIdleCallback = undefined; window.setTimeout = ((t) => (fn, ms, ...a) => t(fn, ms === 1000 ? 600000 : ms, ...a))(window.setTimeout);');
    const sockets: PwWebSocket[] = [];
    const sent: string[] = [];
    const chunks: string[] = [];
    let polls = 0;
    page.on('websocket', (ws) => {
      sockets.push(ws);
      ws.on('framesent', (f) => sent.push(String(f.payload)));
    });
    page.on('request', (r) => {
      if (/\/widget\/chat-[\w-]+\.js$/.test(r.url())) chunks.push(r.url());
      if (r.url().includes('transport=polling')) polls++;
    });
    await page.goto(`${suite.server.url}/billing`);
    const launcher = page.locator('firstline-widget').getByRole('button', { name: 'Open chat' });
    await launcher.waitFor();
    await page.waitForTimeout(300);
    expect(sockets).toHaveLength(0); // nothing before the visitor shows intent
    expect(chunks).toHaveLength(0);

    await launcher.hover();
    await expect.poll(() => sockets.length).toBe(1);
    await expect.poll(() => chunks.length).toBe(1);

    await launcher.click();
    await page.locator('firstline-widget').getByLabel('Message').waitFor();
    await expect.poll(() => sent.some((f) => f.startsWith('40/visitor,'))).toBe(true);
    expect(sockets).toHaveLength(1);
    expect(sockets[0]!.url()).toMatch(/\/socket\.io\/\?EIO=4&transport=websocket$/);
    expect(polls).toBe(0);

    // And the chat works over it.
    await page.locator('firstline-widget').getByLabel('Message').fill('How do I change my billing email?');
    await page.locator('firstline-widget').getByRole('button', { name: 'Send' }).click();
    await page.locator('firstline-widget [data-role="ai"]').first().waitFor({ timeout: 15_000 });
    expect(sockets).toHaveLength(1);
    await ctx.close();
  }, 60_000);
});
