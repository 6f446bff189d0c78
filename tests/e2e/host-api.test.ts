// The host page API in Chromium, as a product team would use it on a page that cannot run much
// script: identity from the tag's data-user-* attributes, the launcher hidden with
// data-launcher="hidden" and the page's own Help button (data-firstline-open-on-click), events
// for the host app, hide/show, and a log-out link that shuts the widget down.
import { mkdir } from 'node:fs/promises';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { findChromium } from '../helpers/browser.js';
import { useBrowserSuite } from '../helpers/browser-suite.js';
import { dbKind } from '../helpers/test-db.js';
import { login } from '../helpers/test-server.js';

const browserPath = findChromium();
const SHOTS = process.env.SHOTS_DIR;

const HOST_PAGE = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Host app</title></head><body>
<main><h1>Host app</h1>
<button id="help" type="button" data-firstline-open-on-click>Help</button>
<a id="logout" href="#logged-out" data-firstline-shutdown-on-click>Log out</a></main>
<script>
  window.Firstline = window.Firstline || { q: [] };
  window.heard = [];
  ['ready', 'open', 'close', 'message', 'handoff'].forEach(function (name) {
    Firstline.q.push(['on', name, function (p) { heard.push(name + (p && p.role ? ' ' + p.role + ':' + p.text : p && \
p.reason ? ' ' + p.reason : '')); }]);
  });
</script>
<script src="/widget.js" data-firstline async data-launcher="hidden"
  data-user-id="u_77" data-user-name="Robin Tag" data-user-email="robin@example.com" data-user-plan="pro" \
data-user-account-value="900"></script>
</body></html>`;

const heard = (page: Page) => page.evaluate(() => (window as unknown as { heard: string[] }).heard.slice());
const sessionKey = (page: Page) =>
  page.evaluate(
    () => Object.keys(localStorage).find((k) => k.startsWith('firstline:v1:') && k.endsWith(':session')) ?? null,
  );
const conversationIdOf = (page: Page) =>
  page.evaluate(() => {
    const key = Object.keys(localStorage).find((k) => k.endsWith(':session'));
    return key ? (JSON.parse(localStorage.getItem(key)!) as { conversationId: string }).conversationId : null;
  });

async function shot(page: Page, name: string): Promise<void> {
  if (!SHOTS) return;
  await mkdir(SHOTS, { recursive: true });
  await page.screenshot({ path: `${SHOTS}/${name}.png` });
}

describe.skipIf(!browserPath.path)(`host page API in Chromium (${dbKind})`, () => {
  const suite = useBrowserSuite(browserPath.path!);

  it('data attributes, events, hide/show, and shutdown on log-out', async () => {
    const ctx = await suite.browser.newContext();
    const page = await ctx.newPage();
    await page.route(`${suite.server.url}/host-app`, (route) =>
      route.fulfill({ contentType: 'text/html', body: HOST_PAGE }),
    );
    await page.goto(`${suite.server.url}/host-app`);
    const widget = page.locator('firstline-widget');
    const launcher = widget.getByRole('button', { name: 'Open chat' });
    await widget.waitFor({ state: 'attached' });
    expect(await launcher.isHidden()).toBe(true); // data-launcher="hidden"
    await shot(page, 'host-api-1-launcher-hidden');

    // The page's own Help button opens the chat.
    await page.locator('#help').click();
    await widget.getByLabel('Message').waitFor();
    await expect.poll(() => heard(page)).toEqual(expect.arrayContaining(['ready', 'open']));
    await widget.getByLabel('Message').fill('I want to talk to a person');
    await widget.getByRole('button', { name: 'Send' }).click();
    await widget.getByTestId('queue-status').waitFor({ timeout: 15_000 });
    await expect
      .poll(() => heard(page), { timeout: 10_000 })
      .toEqual(expect.arrayContaining([expect.stringMatching(/^handoff /)]));
    await shot(page, 'host-api-2-open-from-host-button');
    const events = await heard(page);
    expect(events).toContain('message visitor:I want to talk to a person');
    expect(events.filter((e) => e === 'ready')).toHaveLength(1);
    expect(events.filter((e) => e.startsWith('handoff'))).toHaveLength(1);

    // The tag's data-user-* reached the server as the visitor's (unverified) identity.
    const first = await conversationIdOf(page);
    const res = await fetch(`${suite.server.url}/api/conversations/${first}`, {
      headers: { authorization: `Bearer ${await login(suite.server)}` },
    });
    const conversation = (await res.json()) as { visitor: { name?: string; email?: string; plan?: string } };
    expect(conversation.visitor).toMatchObject({ name: 'Robin Tag', email: 'robin@example.com', plan: 'pro' });

    // close / show / hide from the host app.
    await page.evaluate(() => (window as unknown as { Firstline: { close(): void } }).Firstline.close());
    await expect.poll(() => heard(page)).toContain('close');
    expect(await widget.getByLabel('Message').isVisible()).toBe(false);
    await page.evaluate(() => (window as unknown as { Firstline: { show(): void } }).Firstline.show());
    await launcher.waitFor({ state: 'visible' });
    await shot(page, 'host-api-3-shown-after-close');
    await page.evaluate(() => (window as unknown as { Firstline: { hide(): void } }).Firstline.hide());
    await launcher.waitFor({ state: 'hidden' });

    // Log out: the widget forgets this visitor; whoever comes next starts a new conversation.
    await page.locator('#logout').click();
    expect(page.url()).toContain('#logged-out'); // the link still does what it does
    expect(await sessionKey(page)).toBeNull();
    await page.locator('#help').click();
    await widget.getByLabel('Message').waitFor();
    expect(await widget.locator('[data-role]').count()).toBe(0);
    await shot(page, 'host-api-4-after-shutdown');
    await widget.getByLabel('Message').fill('Hello, new visitor here');
    await widget.getByRole('button', { name: 'Send' }).click();
    await widget.locator('[data-role="visitor"][data-delivery="sent"]').waitFor({ timeout: 15_000 });
    const second = await conversationIdOf(page);
    expect(second).toBeTruthy();
    expect(second).not.toBe(first);
    const res2 = await fetch(`${suite.server.url}/api/conversations/${second}`, {
      headers: { authorization: `Bearer ${await login(suite.server)}` },
    });
    expect(((await res2.json()) as { visitor: { name?: string } }).visitor.name).not.toBe('Robin Tag');
    await ctx.close();
  }, 90_000);
});
