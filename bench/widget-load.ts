/**
 * `npm run bench -- widget`: what the widget costs a host page, measured in headless Chromium.
 * - sizes of the loader and the chat chunk (raw, gzip, brotli);
 * - bytes the browser transfers from the Firstline server by the load event, once idle, and after
 *   opening the chat;
 * - main-thread time the script adds to a blank page, two ways: from a Chromium trace, the
 *   time the widget's own code ran (`ms`, see widget-trace.ts), the whole main-thread tasks it ran in
 *   (`taskMs`, the older measure, which also counts what the browser did for the page in those
 *   tasks), how many tasks, and how many of them were long (> 50 ms); and CDP
 *   Performance.getMetrics TaskDuration/ScriptDuration against the same page without the script
 *   (medians; whole-page counters, so noisy at this scale);
 * - click to an interactive chat (message box focused and the socket connected) on a Fast-3G-like
 *   link (150 ms latency, 1.6 Mbps down, 750 kbps up), cache disabled: "chunkNotLoaded" when the
 *   click itself fetches the chunk (pointer moved onto the launcher and clicked at once),
 *   "chunkNotLoadedHover200ms" when the pointer rests 200 ms on the launcher first (the loader
 *   starts the download on pointerenter/focus), "prefetched" when the idle-time import brought it.
 * Set BENCH_WIDGET_BASELINE to a folder holding dist/widget/ of an older build to measure it too.
 */
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { getRequestListener } from '@hono/node-server';
import { Hono } from 'hono';
import { chromium, type Browser, type CDPSession, type Page } from 'playwright-core';
import { build } from 'vite';
import { staticRoutes } from '../server/http/static-routes.js';
import { round } from './bench-result.js';
import { brotliBytes, gzipBytes } from './size-budget.js';
import { spawnBenchServer } from './spawn-bench-server.js';
import { widgetTasks } from './widget-trace.js';

const RUNS = Number(process.env.BENCH_WIDGET_RUNS ?? 7);
const FAST_3G = {
  offline: false,
  latency: 150,
  downloadThroughput: (1.6 * 1024 * 1024) / 8,
  uploadThroughput: (750 * 1024) / 8,
};
const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? (s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2) : 0;
};

// Scripts for the page are strings: tsx compiles functions with `__name` helpers the page lacks.

/**
 * Records, in the page, when a socket.io namespace connect is acknowledged (polling or websocket), and the first click.
 */
const WATCH_CONNECT = `(() => {
  const seen = (text) => {
    if (window.__flConnectedAt === undefined && typeof text === 'string' && text.includes('40/visitor,{')) \
window.__flConnectedAt = performance.now();
  };
  const send = XMLHttpRequest.prototype.send;
  XMLHttpRequest.prototype.send = function (...args) {
    this.addEventListener('load', () => seen(this.responseText));
    return send.apply(this, args);
  };
  const Native = window.WebSocket;
  window.WebSocket = class extends Native {
    constructor(...args) {
      super(...args);
      this.addEventListener('message', (e) => seen(e.data));
    }
  };
  window.addEventListener('click', (e) => { if (window.__flClickAt === undefined) window.__flClickAt = e.timeStamp; \
}, true);
  window.__flLong = 0;
  new PerformanceObserver((l) => { window.__flLong += l.getEntries().length; }).observe({ type: 'longtask', buffered: \
true });
})();`;

/** Resolves with ms from the click to: message box focused and socket connected. */
const UNTIL_INTERACTIVE = `new Promise((resolve, reject) => {
  const until = performance.now() + 20000;
  const check = () => {
    const active = document.querySelector('firstline-widget')?.shadowRoot?.activeElement;
    if (active?.getAttribute('aria-label') === 'Message' && window.__flConnectedAt !== undefined) return \
resolve(Math.max(performance.now(), window.__flConnectedAt) - window.__flClickAt);
    if (performance.now() > until) return reject(new Error('chat never became interactive'));
    requestAnimationFrame(check);
  };
  check();
})`;

async function fileSizes(dir: string) {
  const out: Record<string, { raw: number; gzip: number; brotli: number }> = {};
  for (const name of (await readdir(dir)).filter((n) => n.endsWith('.js')).sort()) {
    const body = await readFile(path.join(dir, name));
    out[name] = { raw: body.length, gzip: gzipBytes(body), brotli: brotliBytes(body) };
  }
  return out;
}

/**
 * Host pages on http://localhost:P, the widget files on http://127.0.0.1:P: a cross-origin embed, as customers have it.
 */
async function startHost(
  root: string,
  firstline: string,
): Promise<{ origin: string; widgetOrigin: string; close(): Promise<void> }> {
  let port = 0;
  const page = (withScript: boolean) =>
    `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>host</title></head><body><main><h1>A blank \
host page</h1></main>${
      withScript
        ? `<script src="http://127.0.0.1:${port}/widget.js" data-firstline data-server="${firstline}" async></script>`
        : ''
    }</body></html>`;
  const app = new Hono()
    .get('/blank', (c) => c.html(page(false)))
    .get('/with', (c) => c.html(page(true)))
    .route('/', staticRoutes({ root }));
  const server: Server = createServer(getRequestListener(app.fetch));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as { port: number }).port;
  return {
    origin: `http://localhost:${port}`,
    widgetOrigin: `http://127.0.0.1:${port}`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

interface Session {
  page: Page;
  cdp: CDPSession;
  /** Bytes received from the given origins so far (headers and body as sent on the wire). */
  bytesFrom(origins: string[]): number;
  close(): Promise<void>;
}

async function openSession(browser: Browser, opts: { throttle?: boolean; noIdle?: boolean }): Promise<Session> {
  const ctx = await browser.newContext();
  const page = await ctx.newPage();
  // A widget error would otherwise show only as a timeout.
  page.on('pageerror', (err) => process.stderr.write(`[page error] ${err.message}\n`));
  page.on('console', (m) => void (m.type() === 'error' && process.stderr.write(`[page console] ${m.text()}\n`)));
  await page.addInitScript(WATCH_CONNECT);
  // Without requestIdleCallback the loader falls back to a 1 s timer: time to measure it alone.
  if (opts.noIdle) await page.addInitScript('window.requestIdleCallback = undefined;');
  const cdp = await ctx.newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
  await cdp.send('Performance.enable');
  if (opts.throttle) await cdp.send('Network.emulateNetworkConditions', FAST_3G);
  const urls = new Map<string, string>();
  const bytes = new Map<string, number>();
  cdp.on('Network.requestWillBeSent', (e) => urls.set(e.requestId, e.request.url));
  cdp.on('Network.loadingFinished', (e) => bytes.set(e.requestId, e.encodedDataLength));
  return {
    page,
    cdp,
    bytesFrom: (origins) =>
      [...bytes].reduce((sum, [id, n]) => (origins.some((o) => urls.get(id)?.startsWith(o)) ? sum + n : sum), 0),
    close: () => ctx.close(),
  };
}

async function mainThread(cdp: CDPSession): Promise<{ task: number; script: number }> {
  const { metrics } = await cdp.send('Performance.getMetrics');
  const get = (name: string) => (metrics.find((m) => m.name === name)?.value ?? 0) * 1000;
  return { task: get('TaskDuration'), script: get('ScriptDuration') };
}

const launcherShown = (page: Page) =>
  page.locator('firstline-widget').getByRole('button', { name: 'Open chat' }).waitFor({ timeout: 15_000 });

async function measureVariant(browser: Browser, label: string, root: string, firstline: string) {
  const host = await startHost(root, firstline);
  const ours = [host.widgetOrigin, firstline];
  try {
    // Main-thread cost: blank page alone, blank page + script up to the launcher (idle import held off), and once idle.
    const blank: { task: number; script: number }[] = [];
    const loader: { task: number; script: number }[] = [];
    const idle: { task: number; script: number }[] = [];
    const longTasks: number[] = [];
    const traced: { loader: ReturnType<typeof widgetTasks>[]; idle: ReturnType<typeof widgetTasks>[] } = {
      loader: [],
      idle: [],
    };
    // Run 0 warms Chromium and the server up and is not counted.
    for (let i = 0; i <= RUNS; i++) {
      for (const kind of ['blank', 'loader', 'idle'] as const) {
        const s = await openSession(browser, { noIdle: kind === 'loader' });
        if (kind !== 'blank')
          await browser.startTracing(s.page, {
            categories: ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'v8', 'v8.execute'],
          });
        // No Playwright locator before the reading: its injected polling would count as page work.
        await s.page.goto(`${host.origin}/${kind === 'blank' ? 'blank' : 'with'}`, { waitUntil: 'load' });
        if (kind === 'idle') await s.page.waitForLoadState('networkidle');
        await s.page.waitForTimeout(kind === 'idle' ? 500 : 300);
        const m = await mainThread(s.cdp);
        if (kind !== 'blank') {
          const t = widgetTasks(await browser.stopTracing(), host.widgetOrigin);
          if (i > 0) traced[kind].push(t);
        }
        if (kind !== 'blank') await launcherShown(s.page);
        if (i > 0) (kind === 'blank' ? blank : kind === 'loader' ? loader : idle).push(m);
        if (i > 0 && kind !== 'blank') longTasks.push(Number(await s.page.evaluate('window.__flLong')));
        await s.close();
      }
    }
    const added = (xs: { task: number; script: number }[], key: 'task' | 'script') =>
      round(median(xs.map((x) => x[key])) - median(blank.map((x) => x[key])));

    // Bytes on the wire from the Firstline origins: by load, once idle, after opening.
    // Idle import held off (its 1 s fallback timer takes over) to see what the page pays up front.
    const b = await openSession(browser, { noIdle: true });
    await b.page.goto(`${host.origin}/with`, { waitUntil: 'load' });
    await launcherShown(b.page);
    const atLoad = b.bytesFrom(ours);
    await b.page.waitForLoadState('networkidle');
    await b.page.waitForTimeout(1500);
    const beforeOpen = b.bytesFrom(ours);
    await b.page.locator('firstline-widget').getByRole('button', { name: 'Open chat' }).click();
    await b.page.waitForFunction('window.__flConnectedAt !== undefined', null, { timeout: 20_000 });
    await b.page.waitForTimeout(500);
    const afterOpen = b.bytesFrom(ours);
    await b.close();

    // Click to interactive on Fast 3G.
    const clickToInteractive = async (prefetched: boolean, hoverMs = 0): Promise<number> => {
      const s = await openSession(browser, { throttle: true, noIdle: !prefetched });
      await s.page.goto(`${host.origin}/with`, { waitUntil: 'load' });
      await launcherShown(s.page);
      if (prefetched) {
        await s.page.waitForLoadState('networkidle');
        await s.page.waitForTimeout(1500);
      }
      const launcher = s.page.locator('firstline-widget').getByRole('button', { name: 'Open chat' });
      if (hoverMs) {
        await launcher.hover();
        await s.page.waitForTimeout(hoverMs);
      }
      await launcher.click();
      const ms = Number(await s.page.evaluate(UNTIL_INTERACTIVE));
      await s.close();
      return ms;
    };
    const cold: number[] = [];
    const hover: number[] = [];
    const warm: number[] = [];
    for (let i = 0; i < Math.min(RUNS, 5); i++) {
      cold.push(await clickToInteractive(false));
      hover.push(await clickToInteractive(false, 200));
      warm.push(await clickToInteractive(true));
    }
    const tracedMedian = (xs: ReturnType<typeof widgetTasks>[]) => ({
      ms: round(median(xs.map((x) => x.ms))),
      taskMs: round(median(xs.map((x) => x.taskMs))),
      tasks: median(xs.map((x) => x.tasks)),
      longTasks: median(xs.map((x) => x.longTasks)),
    });

    return {
      label,
      files: await fileSizes(path.join(root, 'dist', 'widget')),
      bytesOnWire: { byLoadEvent: atLoad, onceIdleBeforeOpen: beforeOpen, afterOpen },
      mainThreadTraced: {
        loaderOnly: tracedMedian(traced.loader),
        withIdleChatImport: tracedMedian(traced.idle),
      },
      mainThreadMs: {
        loaderTaskDuration: added(loader, 'task'),
        loaderScriptDuration: added(loader, 'script'),
        withIdleChatImportTaskDuration: added(idle, 'task'),
        withIdleChatImportScriptDuration: added(idle, 'script'),
        blankPageTaskDuration: round(median(blank.map((x) => x.task))),
        longTasksPerLoad: median(longTasks),
      },
      clickToInteractiveFast3gMs: {
        chunkNotLoaded: round(median(cold)),
        chunkNotLoadedHover200ms: round(median(hover)),
        chunkPrefetchedOnIdle: round(median(warm)),
        runs: cold.length,
      },
    };
  } finally {
    await host.close();
  }
}

export async function benchWidget(): Promise<Record<string, unknown>> {
  const root = await mkdtemp(path.join(os.tmpdir(), 'firstline-widget-bench-'));
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
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
  let server: Awaited<ReturnType<typeof spawnBenchServer>> | undefined;
  try {
    await build({
      configFile: 'widget/vite.config.ts',
      logLevel: 'error',
      build: { outDir: path.join(root, 'dist', 'widget') },
    });
    // No ALLOWED_ORIGINS: the bench server accepts the host pages' sockets from http://localhost:<port>.
    server = await spawnBenchServer();
    const variants = [await measureVariant(browser, 'current', root, server.url)];
    const baseline = process.env.BENCH_WIDGET_BASELINE;
    if (baseline) variants.unshift(await measureVariant(browser, `baseline (${baseline})`, baseline, server.url));
    return {
      runs: RUNS,
      network: { fast3g: FAST_3G },
      targets: { loaderGzipBytes: 5000, chatGzipBytes: 30_000, loaderMainThreadMs: 5, clickToInteractiveMs: 300 },
      variants,
    };
  } finally {
    await server?.stop();
    await browser.close();
    await rm(root, { recursive: true, force: true });
  }
}
