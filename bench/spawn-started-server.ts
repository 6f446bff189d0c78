import { spawn } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import { mkdir, mkdtemp } from 'node:fs/promises';
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

let compiled: Promise<string> | null = null;
/** Compiled once per process, into a folder removed when it exits. */
function compiledServer(): Promise<string> {
  compiled ??= (async () => {
    // Inside the checkout: the compiled server imports its packages from node_modules.
    await mkdir(path.join(ROOT, 'dist'), { recursive: true });
    const outdir = await mkdtemp(path.join(ROOT, 'dist', '.server-'));
    process.once('exit', () => rmSync(outdir, { recursive: true, force: true }));
    await bundleServer(outdir);
    return outdir;
  })();
  return compiled;
}

/**
 * The server as `npm start` runs it (compiled to a temporary folder in dist/, started with the same
 * node flags, its port and generated admin password read off the banner as a self-hoster would);
 * `env` as for a self-hoster (DATA_DIR or DATABASE_URL). A restart prints no password: pass the
 * first start's as `adminPassword`. Resolves once the banner is out (the server is ready).
 */
export async function spawnStartedServer(
  env: Record<string, string>,
  opts: { adminPassword?: string } = {},
): Promise<BenchServer & { adminPassword: string }> {
  const outdir = await compiledServer();
  const vars = { RATE_LIMITS: 'off', ...env, PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'silent' };
  const child = spawn(process.execPath, [...startNodeFlags(), path.join(outdir, 'main.js')], {
    env: { ...process.env, ADMIN_PASSWORD: '', ...vars },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const gone = () => child.exitCode !== null || child.signalCode !== null;
  // The banner is printed once the server is ready, with the port it got.
  let printed = '';
  const port = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error('the started server printed no banner within 120 s'));
    }, 120_000);
    child.once('exit', (code, signal) => reject(new Error(`the started server exited with ${code ?? signal}`)));
    child.stdout!.on('data', (chunk: Buffer) => {
      printed += chunk.toString();
      const m = printed.match(/Firstline is running on http:\/\/[^:\s]+:(\d+)/);
      if (m && /Answers:/.test(printed)) {
        clearTimeout(timer);
        resolve(m[1]!);
      }
    });
  });
  const url = `http://127.0.0.1:${port}`;
  const adminEmail = loadConfig({ ...process.env, ADMIN_PASSWORD: '', ...vars }).adminEmail;
  const generated = printed.match(/Admin login:\s+\S+ \/ (\S+)\s+\(generated/)?.[1];
  const adminPassword = generated ?? opts.adminPassword;
  if (!adminPassword) throw new Error('the banner shows no generated admin password and none was passed');
  const ended = (signal: NodeJS.Signals) =>
    new Promise<void>((resolve) => {
      if (gone()) return resolve();
      child.once('exit', () => resolve());
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
