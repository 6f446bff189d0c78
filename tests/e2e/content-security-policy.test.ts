// The console and the demo app run under a strict Content-Security-Policy (no inline or eval'd
// script, no inline style) and still work: the widget opens, styled, and answers; the console
// signs in and lists the queue. Any CSP violation in the browser fails the test.
import { describe, expect, it } from 'vitest';
import type { BrowserContext, Page, Response } from 'playwright-core';
import { findChromium } from '../helpers/browser.js';
import { signInToConsole, useBrowserSuite } from '../helpers/browser-suite.js';
import { dbKind } from '../helpers/test-db.js';

const browserPath = findChromium();

/** A page that records every CSP violation, from the event and from the console. */
async function watchedPage(ctx: BrowserContext): Promise<{ page: Page; violations: string[] }> {
  const violations: string[] = [];
  await ctx.exposeFunction('__reportCsp', (v: string) => void violations.push(v));
  await ctx.addInitScript(() => {
    document.addEventListener(
      'securitypolicyviolation',
      (e) => {
        (window as unknown as { __reportCsp: (v: string) => void }).__reportCsp(
          `${e.violatedDirective} blocked ${e.blockedURI || 'inline'} (${e.sourceFile}:${e.lineNumber})`,
        );
      },
      true,
    );
  });
  const page = await ctx.newPage();
  page.on('console', (m) => {
    if (/Content.Security.Policy/i.test(m.text())) violations.push(m.text());
  });
  return { page, violations };
}

function csp(res: Response | null): Record<string, string> {
  const header = res?.headers()['content-security-policy'] ?? '';
  return Object.fromEntries(
    header
      .split(';')
      .map((d) => d.trim())
      .filter(Boolean)
      .map((d) => [d.split(/\s+/)[0]!, d.split(/\s+/).slice(1).join(' ')]),
  );
}

describe.skipIf(!browserPath.path)(`Content-Security-Policy in Chromium (${dbKind})`, () => {
  const suite = useBrowserSuite(browserPath.path!);

  it('the demo page sends a strict policy and the widget opens, is styled and answers with no violation', async () => {
    const ctx = await suite.browser.newContext();
    const { page, violations } = await watchedPage(ctx);
    const res = await page.goto(`${suite.server.url}/billing`);
    const policy = csp(res);
    expect(policy).toMatchObject({
      'default-src': "'self'",
      'script-src': "'self'",
      'style-src': "'self'",
      'object-src': "'none'",
      'base-uri': "'none'",
    });
    expect(policy['connect-src']).toContain("'self'");
    expect(Object.values(policy).join(' ')).not.toMatch(/unsafe-inline|unsafe-eval/);
    expect(res!.headers()['x-content-type-options']).toBe('nosniff');
    expect(res!.headers()['referrer-policy']).toBeTruthy();

    const widget = page.locator('firstline-widget');
    const launcher = widget.getByRole('button', { name: 'Open chat' });
    // The stylesheet applied inside the shadow root: the launcher is fixed to the corner.
    expect(await launcher.evaluate((el) => getComputedStyle(el).position)).toBe('fixed');
    await launcher.click();
    await widget.getByLabel('Message').fill('How do I change my billing email?');
    await widget.getByRole('button', { name: 'Send' }).click();
    await widget.locator('[data-role="ai"]').first().waitFor({ timeout: 15_000 });
    expect(violations).toEqual([]);
    await ctx.close();
  }, 60_000);

  it('the console refuses framing and signs in and lists conversations with no violation', async () => {
    const ctx = await suite.browser.newContext();
    const { page, violations } = await watchedPage(ctx);
    const res = await page.goto(`${suite.server.url}/console`);
    const policy = csp(res);
    expect(policy).toMatchObject({
      'script-src': "'self'",
      'style-src': "'self'",
      'frame-ancestors': "'none'",
      'object-src': "'none'",
    });
    expect(Object.values(policy).join(' ')).not.toMatch(/unsafe-inline|unsafe-eval/);
    expect(res!.headers()['x-frame-options']).toBe('DENY');

    await signInToConsole(page, suite.server.url);
    await page.getByRole('link', { name: 'Knowledge' }).first().click();
    await page.getByTestId('article-row').first().waitFor({ timeout: 10_000 });
    await page
      .getByRole('link', { name: 'Queue' })
      .first()
      .click()
      .catch(() => undefined);
    await page.waitForLoadState('networkidle');
    expect(violations).toEqual([]);
    await ctx.close();
  }, 60_000);
});

describe('page security headers (no browser needed)', () => {
  it('the demo app, the console and the widget script carry them', async () => {
    const { staticRoutes } = await import('../../server/http/static-routes.js');
    const app = staticRoutes();
    const demo = await app.request('/settings/integrations', { headers: { host: 'support.example.com:8443' } });
    const policy = demo.headers.get('content-security-policy') ?? '';
    expect(policy).toContain("script-src 'self'");
    expect(policy).toContain("connect-src 'self' ws://support.example.com:8443 wss://support.example.com:8443");
    expect(policy).toContain("frame-ancestors 'self'");
    expect(demo.headers.get('x-content-type-options')).toBe('nosniff');
    // A Host header cannot write into the policy.
    const forged = await app.request('/', { headers: { host: 'evil.example; script-src *' } });
    expect(forged.headers.get('content-security-policy')).not.toContain('evil');
    const consolePage = await app.request('/console');
    expect(consolePage.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
    const script = await app.request('/widget.js');
    expect(script.headers.get('x-content-type-options')).toBe('nosniff');
    expect(script.headers.get('cross-origin-resource-policy')).toBe('cross-origin');
    expect(script.headers.get('content-security-policy')).toBeNull();
  });
});
