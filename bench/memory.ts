/**
 * `npm run bench -- memory [--sockets=2000] [--settle=3] [--db=pglite,postgres]
 * [--runner=start,tsx,start-mmap]`: idle server RSS (first start and restart, on the embedded
 * database and on PostgreSQL), then RSS per idle visitor socket with N sockets connected from
 * another process (from idle, and over the second N/2). Figures from the server's own
 * /api/metrics/runtime (process.memoryUsage()), read after the server settled. Runners: `start`, the
 * server as `npm start` runs it (compiled, its node flags); `tsx`, the TypeScript sources through tsx
 * (`npm run dev`, and what `npm start` ran before it was compiled), for a baseline in the same run;
 * `start-mmap`, `npm start` with glibc's MALLOC_MMAP_THRESHOLD_ fixed at 128 KB (an environment
 * variable an operator can set on Linux: large allocations are then returned to the system when freed).
 */
import { fork } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { RuntimeMetrics } from '../protocol/http.js';
import { freshBenchDatabase } from './bench-database.js';
import { parseBenchFlags } from './bench-flags.js';
import { round } from './bench-result.js';
import { spawnBenchServer, type BenchServer } from './spawn-bench-server.js';
import { spawnStartedServer } from './spawn-started-server.js';
import type { LoadCommand } from './throughput-load.js';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const mb = (bytes: number) => round(bytes / 2 ** 20, 1);

export async function benchMemory(args: string[] = []): Promise<Record<string, unknown>> {
  const f = parseBenchFlags(args, { sockets: 2000, settle: 3, db: 'pglite,postgres', runner: 'start,tsx,start-mmap' });
  const runners = String(f.runner).split(',') as Runner[];
  const results: Record<string, unknown> = {
    options: { sockets: Number(f.sockets), settleSeconds: Number(f.settle), runners },
    targets: { idleRssMb: { pglite: 300, postgres: 150 }, kbPerIdleSocket: 15 },
  };
  for (const runner of runners) {
    if (!RUNNERS.includes(runner)) throw new Error(`--runner: ${RUNNERS.join(', ')}, not ${runner}`);
    const o = { sockets: Number(f.sockets), settleSeconds: Number(f.settle), runner };
    results[runner] = await measure(String(f.db).split(','), o);
  }
  return results;
}

const RUNNERS = ['start', 'tsx', 'start-mmap'] as const;
type Runner = (typeof RUNNERS)[number];
type Options = { sockets: number; settleSeconds: number; runner: Runner };

async function measure(dbs: string[], o: Options): Promise<Record<string, unknown>> {
  const results: Record<string, unknown> = {};
  if (dbs.includes('pglite')) {
    const dir = mkdtempSync(path.join(tmpdir(), 'firstline-bench-memory-'));
    try {
      const first = await idle({ DATA_DIR: dir }, o, false);
      const restart = await idle({ DATA_DIR: dir }, o, true, first.adminPassword);
      results.pglite = { firstStart: first.figures, restart: restart.figures };
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }
  if (dbs.includes('postgres')) {
    const pg = await freshBenchDatabase('firstline_bench_memory');
    if (pg.url === null) {
      console.warn(`[memory] PostgreSQL part skipped: ${pg.reason}`);
      results.postgres = { skipped: pg.reason };
    } else {
      try {
        // First start migrates, seeds and calibrates a fresh database; a restart finds it done.
        const first = await idle({ DATABASE_URL: pg.url }, o, false);
        const restart = await idle({ DATABASE_URL: pg.url }, o, true, first.adminPassword);
        results.postgres = { firstStart: first.figures, restart: restart.figures };
      } finally {
        await pg.drop();
      }
    }
  }
  return results;
}

/**
 * Idle RSS after `settle` seconds; with `sockets`, the RSS each idle visitor socket adds.
 * `adminPassword`: the one a first start generated (npm start's runners; tsx's is fixed).
 */
async function idle(
  env: Record<string, string>,
  o: Options,
  withSockets: boolean,
  adminPassword?: string,
): Promise<{ figures: Record<string, unknown>; adminPassword: string }> {
  const server =
    o.runner !== 'tsx'
      ? await spawnStartedServer(o.runner === 'start-mmap' ? { ...env, MALLOC_MMAP_THRESHOLD_: '131072' } : env, {
          adminPassword,
        })
      : {
          ...(await spawnBenchServer(env.DATA_DIR ? { BENCH_DATA_DIR: env.DATA_DIR } : env)),
          adminPassword: 'bench-password',
        };
  try {
    const token = await adminToken(server, server.adminPassword);
    const settle = () => new Promise((r) => setTimeout(r, o.settleSeconds * 1000));
    await settle();
    const before = await runtime(server, token);
    const out: Record<string, unknown> = {
      idleRssMb: mb(before.memory.rssBytes),
      heapUsedMb: mb(before.memory.heapUsedBytes),
      externalMb: mb(before.memory.externalBytes),
    };
    if (withSockets) {
      const load = fork(path.join(HERE, 'throughput-load.ts'), [], {
        execArgv: ['--import', 'tsx'],
        stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
      });
      const ask = (cmd: LoadCommand) =>
        new Promise<unknown>((resolve, reject) => {
          load.once('message', (m: { type: string; message?: string }) =>
            m.type === 'error' ? reject(new Error(m.message)) : resolve(m),
          );
          load.send(cmd);
        });
      try {
        // In two halves: from idle, the first sockets also fill what the idle heap had free; the
        // second half's cost is the marginal one.
        const half = Math.floor(o.sockets / 2);
        await ask({ type: 'connect', url: server.url, sockets: half });
        await settle();
        const mid = await runtime(server, token);
        await ask({ type: 'connect', url: server.url, sockets: o.sockets - half });
        await settle();
        const after = await runtime(server, token);
        out.sockets = o.sockets;
        out.rssWithSocketsMb = mb(after.memory.rssBytes);
        out.kbPerIdleSocket = round((after.memory.rssBytes - before.memory.rssBytes) / 1024 / o.sockets, 1);
        out.kbPerIdleSocketSecondHalf = round(
          (after.memory.rssBytes - mid.memory.rssBytes) / 1024 / (o.sockets - half),
          1,
        );
        await ask({ type: 'close' });
      } finally {
        load.kill();
      }
    }
    process.stdout.write(`[memory ${o.runner}] ${JSON.stringify(out)}\n`);
    return { figures: out, adminPassword: server.adminPassword };
  } finally {
    await server.stop();
  }
}

async function adminToken(server: BenchServer, password: string): Promise<string> {
  const res = await fetch(`${server.url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: server.adminEmail, password }),
  });
  if (!res.ok) throw new Error(`admin login failed: ${res.status} ${await res.text()}`);
  return ((await res.json()) as { token: string }).token;
}

async function runtime(server: BenchServer, token: string): Promise<RuntimeMetrics> {
  const res = await fetch(`${server.url}/api/metrics/runtime`, { headers: { authorization: `Bearer ${token}` } });
  if (!res.ok) throw new Error(`GET /api/metrics/runtime failed: ${res.status} ${await res.text()}`);
  return (await res.json()) as RuntimeMetrics;
}
