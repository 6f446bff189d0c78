// Click to interactive: the pointer on the launcher starts the chat chunk download and opens
// socket.io's WebSocket at once; the chat then takes that very socket (one connection, no second
// handshake, no long-polling first).
import type { WebSocket as PwWebSocket } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { findChromium } from '../helpers/browser.js';
import { useBrowserSuite } from '../helpers/browser-suite.js';
import { dbKind } from '../helpers/test-db.js';
import { TEST_ADMIN } from '../helpers/test-server.js';

const browserPath = findChromium();

/**
 * requestIdleCallback under the test's control (`__runIdle(n)` runs the first n callbacks asked for), and a count of
 * storage reads.
 */
const HELD_IDLE = `window.__idle = [];
window.requestIdleCallback = (fn) => window.__idle.push(fn);
window.__runIdle = (n) => window.__idle.splice(0, n).forEach((fn) => fn({ didTimeout: false, timeRemaining: () => 50 \
})) || window.__idle.length;
window.__storageReads = 0;
const getItem = Storage.prototype.getItem;
Storage.prototype.getItem = function (key) { window.__storageReads++; return getItem.call(this, key); };`;

describe.skipIf(!browserPath.path)(`launcher warm-up in Chromium (${dbKind})`, () => {
  const suite = useBrowserSuite(browserPath.path!);

  it('hovering the launcher fetches the chat and opens the socket; the click uses that same socket', async () => {
    const ctx = await suite.browser.newContext();
    const page = await ctx.newPage();
    // Idle-time prefetch held off, so only the hover can have fetched anything.
    await page.addInitScript(
      'window.requestIdleCallback = undefined; window.setTimeout = ((t) => (fn, ' +
        'ms, ...a) => t(fn, ms === 1000 ? 600000 : ms, ...a))(window.setTimeout);',
    );
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

  it('draws the launcher at once with the built-in look, ' +
    "then takes the admin's colour when the browser is idle, at the same size and place", async () => {
    const login = (await (
      await fetch(`${suite.server.url}/api/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(TEST_ADMIN),
      })
    ).json()) as { token: string };
    const put = await fetch(`${suite.server.url}/api/settings/widget-appearance`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${login.token}` },
      body: JSON.stringify({ color: '#047857', teamName: 'Acme help' }),
    });
    expect(put.status).toBe(200);
    const ctx = await suite.browser.newContext();
    const page = await ctx.newPage();
    await page.addInitScript(HELD_IDLE);
    let configs = 0;
    page.on('request', (r) => void (r.url().endsWith('/api/widget/config') && configs++));
    await page.goto(`${suite.server.url}/billing`);
    const launcher = page.locator('firstline-widget').getByRole('button', { name: 'Open chat' });
    await launcher.waitFor();
    await page.waitForTimeout(300);
    // Nothing but the launcher before idle time: no appearance request, no storage read.
    expect(configs).toBe(0);
    expect(await page.evaluate('window.__storageReads')).toBe(0);
    const background = () => launcher.evaluate((el) => getComputedStyle(el).backgroundColor);
    expect(await background()).toBe('rgb(29, 78, 216)');
    const before = await launcher.boundingBox();

    await page.evaluate('window.__runIdle(1)');
    await expect.poll(() => configs).toBe(1);
    await expect.poll(background).toBe('rgb(4, 120, 87)');
    expect(await launcher.boundingBox()).toEqual(before);
    await ctx.close();
  }, 60_000);

  it('a running conversation resumes on the next page at the first idle moment, ' +
    'before the idle-time chat import, and opens with its history', async () => {
    const ctx = await suite.browser.newContext();
    const first = await ctx.newPage();
    await first.goto(`${suite.server.url}/billing`);
    await first.locator('firstline-widget').getByRole('button', { name: 'Open chat' }).click();
    await first.locator('firstline-widget').getByLabel('Message').fill('Where do I download my invoices?');
    await first.locator('firstline-widget').getByRole('button', { name: 'Send' }).click();
    await first.locator('firstline-widget [data-role="ai"]').first().waitFor({ timeout: 15_000 });
    await first.close();

    const page = await ctx.newPage();
    await page.addInitScript(HELD_IDLE);
    const chunks: string[] = [];
    const sent: string[] = [];
    page.on('request', (r) => void (/\/widget\/chat-[\w-]+\.js$/.test(r.url()) && chunks.push(r.url())));
    page.on('websocket', (ws) => ws.on('framesent', (f) => sent.push(String(f.payload))));
    await page.goto(`${suite.server.url}/settings/integrations`, { waitUntil: 'load' });
    const widget = page.locator('firstline-widget');
    await widget.getByRole('button', { name: 'Open chat' }).waitFor();
    expect(chunks).toHaveLength(0);
    // The loader's first idle callback (asked for at boot; the idle-time chat import is asked for at load, after it).
    await page.evaluate('window.__runIdle(1)');
    await expect.poll(() => chunks.length).toBe(1);
    await expect.poll(() => sent.some((f) => f.startsWith('40/visitor,'))).toBe(true);
    expect(await page.evaluate('window.__idle.length')).toBe(1); // the import callback never ran
    await widget.getByRole('button', { name: 'Open chat' }).click();
    await expect
      .poll(() => widget.locator('[data-role="visitor"]').first().textContent())
      .toContain('Where do I download my invoices?');
    await ctx.close();
  }, 60_000);
});
