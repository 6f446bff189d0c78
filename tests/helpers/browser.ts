import { execFileSync } from 'node:child_process';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { setTimeout } from 'node:timers/promises';
import { chromium, type Browser } from 'playwright-core';
import { build } from 'vite';
import { inject } from 'vitest';

/** Debian's Chromium, or why there is none. In CI a missing browser is a failure, not a skip. */
export function findChromium(): { path: string | null; reason: string | null } {
  try {
    const path = execFileSync('which', ['chromium'], { encoding: 'utf8' }).trim();
    if (path) return { path, reason: null };
  } catch {
    // `which` exits non-zero when nothing is found.
  }
  const reason = "no `chromium` on PATH (install Debian's chromium package to run browser tests)";
  if (process.env.CI === 'true') throw new Error(`Browser tests cannot run in CI: ${reason}`);
  console.warn(`[browser tests skipped] ${reason}`);
  return { path: null, reason };
}

export async function launchChromium(executablePath: string): Promise<Browser> {
  return chromium.launch({
    executablePath,
    headless: true,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--no-first-run',
      '--disable-sync',
    ],
  });
}

/**
 * Runs a Vite build as `npm run build` does. Vitest sets NODE_ENV=test, which Vite and the Preact
 * preset read as "development" (dev JSX, devtools hooks, debug builds of dependencies): the tests
 * would check a bigger, different bundle than the one shipped.
 */
export async function productionBuild(configFile: string, outDir?: string): Promise<void> {
  const before = process.env.NODE_ENV;
  process.env.NODE_ENV = 'production';
  try {
    await build({ configFile, logLevel: 'error', ...(outDir ? { build: { outDir } } : {}) });
  } finally {
    if (before === undefined) delete process.env.NODE_ENV;
    else process.env.NODE_ENV = before;
  }
}

/** Where the last test run that built dist/ wrote its id. */
const BUILT_BY = path.join('dist', '.built-by-test-run');

/**
 * Builds the widget and console bundles the server serves, once per test run. Browser test files run
 * two at a time and each serves dist/; a build empties its folder first, so a second build while
 * another file's page loads the chat chunk made that page's widget never open. The first file to
 * get here builds (a lock folder keyed by the run) and the rest wait for its stamp.
 */
export async function buildFrontEnds(): Promise<void> {
  const run = inject('testRunId');
  const lock = path.join(os.tmpdir(), `firstline-front-end-build-${run}`);
  const builtThisRun = async () => (await readFile(BUILT_BY, 'utf8').catch(() => '')) === run;
  for (;;) {
    if (await builtThisRun()) return;
    try {
      await mkdir(lock);
      break;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      await setTimeout(250);
    }
  }
  try {
    if (await builtThisRun()) return;
    for (const configFile of ['widget/vite.config.ts', 'console/vite.config.ts']) await productionBuild(configFile);
    await writeFile(BUILT_BY, run);
  } finally {
    await rm(lock, { recursive: true, force: true });
  }
}
