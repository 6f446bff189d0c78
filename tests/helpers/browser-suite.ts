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
export function useBrowserSuite(executablePath: string, opts: { env?: () => Record<string, string> } = {}): BrowserSuite {
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

/** Opens the console and signs in through its form (the test admin unless told otherwise). */
export async function signInToConsole(page: Page, serverUrl: string, user: { email: string; password: string } = TEST_ADMIN): Promise<void> {
  await page.goto(`${serverUrl}/console`);
  await page.getByLabel('Email').fill(user.email);
  await page.getByLabel('Password').fill(user.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
}
