import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startNodeFlags } from '../../../bench/spawn-started-server.js';
import { bundleServer } from '../../../server/bundle-server.js';
import { TEST_ADMIN } from '../../helpers/test-server.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

interface Started {
  child: ChildProcess;
  url: string;
  /** Every line the process printed so far. */
  output: string[];
}

/**
 * `npm start` without the front-end build: the compiled server (`outdir`/main.js, its database
 * worker beside it) run with package.json's node flags, the embedded database in `dir`.
 */
async function startMain(outdir: string, dir: string): Promise<Started> {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PORT: '0',
    HOST: '127.0.0.1',
    DATA_DIR: dir,
    DATABASE_URL: '',
    PGLITE_THREAD: 'worker',
    SEED_DEMO: '0',
    ADMIN_EMAIL: TEST_ADMIN.email,
    ADMIN_PASSWORD: TEST_ADMIN.password,
    LOG_LEVEL: 'info',
  };
  const child = spawn(process.execPath, [...startNodeFlags(), path.join(outdir, 'main.js')], {
    cwd: ROOT,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const output: string[] = [];
  for (const stream of [child.stdout!, child.stderr!])
    createInterface({ input: stream }).on('line', (line) => output.push(line));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setInterval(() => {
      const m = output.join('\n').match(/Firstline is running on (http:\/\/\S+)/);
      if (m) {
        clearInterval(timer);
        resolve(m[1]!);
      }
    }, 100);
    child.once('exit', (code) => {
      clearInterval(timer);
      reject(new Error(`server exited with ${code} before starting:\n${output.join('\n')}`));
    });
  });
  return { child, url, output };
}

function stop(s: Started): Promise<number | null> {
  return new Promise((resolve) => {
    s.child.once('exit', (code) => resolve(code));
    s.child.kill('SIGTERM');
  });
}

async function adminToken(url: string): Promise<string> {
  const res = await fetch(`${url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(TEST_ADMIN),
  });
  expect(res.status).toBe(200);
  return ((await res.json()) as { token: string }).token;
}

describe('npm start (compiled) with the embedded database on its worker thread', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'firstline-pglite-worker-server-'));
  // Inside the checkout, as dist/server is: the compiled server imports its packages from node_modules.
  mkdirSync(path.join(ROOT, 'dist'), { recursive: true });
  const outdir = mkdtempSync(path.join(ROOT, 'dist', '.server-test-'));
  const running: Started[] = [];
  beforeAll(() => bundleServer(outdir), 60_000);
  afterAll(() => {
    for (const s of running) if (s.child.exitCode === null) s.child.kill('SIGKILL');
    rmSync(dir, { recursive: true, force: true });
    rmSync(outdir, { recursive: true, force: true });
  });

  it('answers /healthz, stops cleanly on SIGTERM and finds its data again after a restart', async () => {
    const first = await startMain(outdir, dir);
    running.push(first);
    const health = await fetch(`${first.url}/healthz`);
    expect(health.status).toBe(200);
    expect(await health.json()).toEqual({ status: 'ok' });
    const token = await adminToken(first.url);
    const created = await fetch(`${first.url}/api/knowledge/articles`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({
        title: 'Kept across restarts',
        body: 'Exports run nightly at 02:00 UTC and land in your inbox.',
        format: 'markdown',
      }),
    });
    expect(created.status).toBe(201);
    expect(await stop(first)).toBe(0);
    expect(first.output.join('\n')).toMatch(/shutting down/);

    const second = await startMain(outdir, dir);
    running.push(second);
    const list = await fetch(`${second.url}/api/knowledge/articles`, {
      headers: { authorization: `Bearer ${await adminToken(second.url)}` },
    });
    const { articles } = (await list.json()) as { articles: Array<{ title: string }> };
    expect(articles.map((a) => a.title)).toContain('Kept across restarts');
    expect(await stop(second)).toBe(0);
    expect(second.output.join('\n')).not.toMatch(/embedded database worker stopped/);
  }, 240_000); // two full server starts on a loaded 2-core machine
});
