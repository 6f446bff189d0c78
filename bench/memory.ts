/**
 * `npm run bench -- memory [--sockets=2000] [--settle=3] [--db=pglite,postgres]`: idle server RSS
 * (first start and restart on the embedded database; PostgreSQL), then RSS per idle visitor socket
 * with N sockets connected from another process. Figures from the server's own
 * /api/metrics/runtime (process.memoryUsage()), read after the server settled.
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
import type { LoadCommand } from './throughput-load.js';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const mb = (bytes: number) => round(bytes / 2 ** 20, 1);

export async function benchMemory(args: string[] = []): Promise<Record<string, unknown>> {
  const f = parseBenchFlags(args, { sockets: 2000, settle: 3, db: 'pglite,postgres' });
  const o = { sockets: Number(f.sockets), settleSeconds: Number(f.settle) };
  const results: Record<string, unknown> = {
    options: o,
    targets: { idleRssMb: { pglite: 300, postgres: 150 }, kbPerIdleSocket: 15 },
  };
  const dbs = String(f.db).split(',');
  if (dbs.includes('pglite')) {
    const dir = mkdtempSync(path.join(tmpdir(), 'firstline-bench-memory-'));
    try {
      const first = await idle({ BENCH_DATA_DIR: dir }, o, false);
      const restart = await idle({ BENCH_DATA_DIR: dir }, o, true);
      results.pglite = { firstStart: first, restart };
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
        results.postgres = await idle({ DATABASE_URL: pg.url }, o, true);
      } finally {
        await pg.drop();
      }
    }
  }
  return results;
}

/** Idle RSS after `settle` seconds; with `sockets`, the RSS each idle visitor socket adds. */
async function idle(
  env: Record<string, string>,
  o: { sockets: number; settleSeconds: number },
  withSockets: boolean,
): Promise<Record<string, unknown>> {
  const server = await spawnBenchServer(env);
  try {
    const token = await adminToken(server);
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
        await ask({ type: 'connect', url: server.url, sockets: o.sockets });
        await settle();
        const after = await runtime(server, token);
        out.sockets = o.sockets;
        out.rssWithSocketsMb = mb(after.memory.rssBytes);
        out.kbPerIdleSocket = round((after.memory.rssBytes - before.memory.rssBytes) / 1024 / o.sockets, 1);
        await ask({ type: 'close' });
      } finally {
        load.kill();
      }
    }
    process.stdout.write(`[memory] ${JSON.stringify(out)}\n`);
    return out;
  } finally {
    await server.stop();
  }
}

async function adminToken(server: BenchServer): Promise<string> {
  const res = await fetch(`${server.url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: server.adminEmail, password: 'bench-password' }),
  });
  if (!res.ok) throw new Error(`admin login failed: ${res.status} ${await res.text()}`);
  return ((await res.json()) as { token: string }).token;
}

async function runtime(server: BenchServer, token: string): Promise<RuntimeMetrics> {
  const res = await fetch(`${server.url}/api/metrics/runtime`, { headers: { authorization: `Bearer ${token}` } });
  if (!res.ok) throw new Error(`GET /api/metrics/runtime failed: ${res.status} ${await res.text()}`);
  return (await res.json()) as RuntimeMetrics;
}
