import { describe, expect, it } from 'vitest';
import { findChromium } from '../helpers/browser.js';
import { signInToConsole, useBrowserSuite } from '../helpers/browser-suite.js';
import { dbKind } from '../helpers/test-db.js';

const browserPath = findChromium();

const ARTICLE = `---
title: Pause reminders with vacation mode
url: /help/vacation-mode
pages: ["/settings/*"]
---

# Pause reminders with vacation mode

Going away? Turn on **vacation mode** so Acme Projects stops sending you task reminders.

1. Open **Settings > Away**.
2. Switch on **Vacation mode** and pick the day you are back.

Reminders resume automatically on that day.
`;

describe.skipIf(!browserPath.path)(
  `end to end in Chromium: upload an article, then the widget answers from it (${dbKind})`,
  () => {
    const suite = useBrowserSuite(browserPath.path!);

    it('an admin uploads a Markdown file in the console and a visitor gets an answer citing it', async () => {
      const { server, browser } = suite;
      const adminCtx = await browser.newContext();
      const visitorCtx = await browser.newContext();
      const admin = await adminCtx.newPage();
      const visitor = await visitorCtx.newPage();

      // 1. The admin signs in, opens Knowledge and uploads the file.
      await signInToConsole(admin, server.url);
      await admin.getByRole('link', { name: 'Knowledge' }).first().click();
      await admin
        .locator('input[type="file"]')
        .setInputFiles({ name: 'vacation-mode.md', mimeType: 'text/markdown', buffer: Buffer.from(ARTICLE) });
      await admin.getByRole('button', { name: 'Upload' }).click();
      const results = admin.getByTestId('upload-results');
      await results.waitFor({ timeout: 15_000 });
      expect(await results.innerText()).toMatch(/Added\s+vacation-mode\.md/);
      // The list shows it, and the filter finds it.
      await admin.getByLabel('Filter articles').fill('vacation');
      await expect.poll(() => admin.getByTestId('article-row').count(), { timeout: 10_000 }).toBe(1);
      expect(await admin.getByTestId('article-row').first().innerText()).toContain(
        'Pause reminders with vacation mode',
      );

      // 2. A visitor on the demo app sees it suggested on a settings page, asks, and gets it cited.
      await visitor.goto(`${server.url}/settings/integrations`);
      const widget = visitor.locator('firstline-widget');
      await widget.getByRole('button', { name: 'Open chat' }).click();
      await widget.getByRole('group', { name: 'Suggested questions' }).waitFor({ timeout: 10_000 });
      await widget.getByLabel('Message').fill('How do I stop task reminders while I am on vacation?');
      await widget.getByRole('button', { name: 'Send' }).click();
      const answer = widget.locator('[data-role="ai"]').first();
      await answer.waitFor({ timeout: 15_000 });
      const text = await answer.innerText();
      expect(text.toLowerCase()).toContain('vacation mode');
      expect(text).toContain('Pause reminders with vacation mode');

      await adminCtx.close();
      await visitorCtx.close();
    }, 90_000);
  },
);
