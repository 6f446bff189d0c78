import { afterAll, beforeAll } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import type { RunningServer } from '../../server/start-server.js';
import { buildFrontEnds, launchChromium } from './browser.js';
import { openTestDb, type TestDb } from './test-db.js';
import { startTestServer, TEST_ADMIN } from './test-server.js';

export interface BrowserSuite {
  server: RunningServer;
  browser: Browser;
}

/**
 * Fresh front-end bundles, a database, a server and Chromium for one browser test file, torn down
 * after it. Call it inside the `describe`; the fields are set once `beforeAll` has run. `env` adds
 * server settings, read when the server starts (after any `beforeAll` registered before this call).
 */
export function useBrowserSuite(
  executablePath: string,
  opts: { env?: () => Record<string, string> } = {},
): BrowserSuite {
  const suite = {} as BrowserSuite;
  let tdb: TestDb | undefined;
  beforeAll(async () => {
    await buildFrontEnds();
    tdb = await openTestDb();
    suite.server = await startTestServer(tdb.db, opts.env?.());
    suite.browser = await launchChromium(executablePath);
  }, 120_000);
  afterAll(async () => {
    await suite.browser?.close();
    await suite.server?.close();
    await tdb?.dispose();
  });
  return suite;
}

/**
 * Opens the console and signs in through its form (the test admin unless told otherwise). At a
 * first sign-in the console asks for the display name customers will see; this answers it with
 * `displayName` (default "Tess"), or leaves the dialog open when `displayName` is false.
 */
export async function signInToConsole(
  page: Page,
  serverUrl: string,
  user: { email: string; password: string } = TEST_ADMIN,
  opts: { displayName?: string | false } = {},
): Promise<void> {
  await page.goto(`${serverUrl}/console`);
  await page.getByLabel('Email').fill(user.email);
  await page.getByLabel('Password').fill(user.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  // The dialog renders in the same pass as the signed-in shell, so once the top bar is there it is too.
  await page.locator('.topbar').waitFor({ timeout: 15_000 });
  if (opts.displayName === false) return;
  const dialog = page.getByRole('dialog', { name: 'What should customers call you?' });
  if (await dialog.isVisible()) {
    await dialog.getByLabel('Display name').fill(opts.displayName ?? 'Tess');
    await dialog.getByRole('button', { name: 'Save and continue' }).click();
    await dialog.waitFor({ state: 'detached', timeout: 10_000 });
  }
}
