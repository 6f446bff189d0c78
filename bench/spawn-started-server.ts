import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { bundleServer } from '../server/bundle-server.js';
import { loadConfig } from '../server/config.js';
import type { BenchServer } from './spawn-bench-server.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** `npm start`'s node flags, read from package.json: what a self-hoster runs is what is measured. */
export function startNodeFlags(): string[] {
  const pkg = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { scripts: { start: string } };
  const [node, ...rest] = pkg.scripts.start.split(/\s+/);
  if (node !== 'node' || !rest.at(-1)?.endsWith('.js'))
    throw new Error(`package.json "start" is not "node [flags] file.js": ${pkg.scripts.start}`);
  return rest.slice(0, -1);
}

async function freePort(): Promise<number> {
  const srv = createServer();
  await new Promise<void>((resolve) => srv.listen(0, '127.0.0.1', resolve));
  const port = (srv.address() as { port: number }).port;
  await new Promise((resolve) => srv.close(resolve));
  return port;
}

/**
 * The server as `npm start` runs it (compiled to a temporary folder in dist/, started with the same
 * node flags, its admin password generated and read off the banner as a self-hoster would);
 * `env` as for a self-hoster (DATA_DIR or DATABASE_URL). A restart prints no password: pass the
 * first start's as `adminPassword`. Resolves once /healthz says ok.
 */
export async function spawnStartedServer(
  env: Record<string, string>,
  opts: { adminPassword?: string } = {},
): Promise<BenchServer & { adminPassword: string }> {
  // Inside the checkout: the compiled server imports its packages from node_modules.
  await mkdir(path.join(ROOT, 'dist'), { recursive: true });
  const outdir = await mkdtemp(path.join(ROOT, 'dist', '.server-'));
  await bundleServer(outdir);
  const port = await freePort();
  const vars = { RATE_LIMITS: 'off', ...env, PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'silent' };
  const child = spawn(process.execPath, [...startNodeFlags(), path.join(outdir, 'main.js')], {
    env: { ...process.env, ADMIN_PASSWORD: '', ...vars },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let printed = '';
  child.stdout!.on('data', (chunk: Buffer) => (printed += chunk.toString()));
  const url = `http://127.0.0.1:${port}`;
  const gone = () => child.exitCode !== null || child.signalCode !== null;
  const until = Date.now() + 120_000;
  for (;;) {
    if (gone()) throw new Error(`the started server exited with ${child.exitCode ?? child.signalCode}`);
    if (Date.now() > until) throw new Error('the started server did not answer /healthz within 120 s');
    const ok = await fetch(`${url}/healthz`).then(
      (r) => r.ok,
      () => false,
    );
    if (ok && /Firstline is running/.test(printed)) break;
    await new Promise((r) => setTimeout(r, 200));
  }
  const adminEmail = loadConfig({ ...process.env, ADMIN_PASSWORD: '', ...vars }).adminEmail;
  const generated = printed.match(/Admin login:\s+\S+ \/ (\S+)\s+\(generated/)?.[1];
  const adminPassword = generated ?? opts.adminPassword;
  if (!adminPassword) throw new Error('the banner shows no generated admin password and none was passed');
  const ended = (signal: NodeJS.Signals) =>
    new Promise<void>((resolve) => {
      const done = () => void rm(outdir, { recursive: true, force: true }).then(() => resolve());
      if (gone()) return done();
      child.once('exit', done);
      child.kill(signal);
    });
  return {
    url,
    adminEmail,
    adminPassword,
    pid: child.pid!,
    mark: () => Promise.reject(new Error('mark is only answered by bench/bench-server.ts')),
    stop: () => ended('SIGTERM'),
    kill: () => ended('SIGKILL'),
  };
}
