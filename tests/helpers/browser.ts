import { execFileSync } from 'node:child_process';
import { chromium, type Browser } from 'playwright-core';
import { build } from 'vite';

/** Debian's Chromium, or why there is none. In CI a missing browser is a failure, not a skip. */
export function findChromium(): { path: string | null; reason: string | null } {
  try {
    const path = execFileSync('which', ['chromium'], { encoding: 'utf8' }).trim();
    if (path) return { path, reason: null };
  } catch {
    // `which` exits non-zero when nothing is found.
  }
  const reason = 'no `chromium` on PATH (install Debian\'s chromium package to run browser tests)';
  if (process.env.CI === 'true') throw new Error(`Browser tests cannot run in CI: ${reason}`);
  console.warn(`[browser tests skipped] ${reason}`);
  return { path: null, reason };
}

export async function launchChromium(executablePath: string): Promise<Browser> {
  return chromium.launch({
    executablePath,
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-sync'],
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

/** Builds the widget and console bundles the server serves (once per test file). */
export async function buildFrontEnds(): Promise<void> {
  for (const configFile of ['widget/vite.config.ts', 'console/vite.config.ts']) await productionBuild(configFile);
}
