/** A Firstline server for benchmarks, in its own process so clients and server do not share a core. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { loadConfig } from '../server/config.js';
import { createLogger } from '../server/logger.js';
import { startServer } from '../server/start-server.js';

// BENCH_DATA_DIR: an existing embedded database to start on again (a restart), kept afterwards.
const keep = process.env.BENCH_DATA_DIR;
const dir = keep ?? mkdtempSync(path.join(tmpdir(), 'firstline-bench-'));
// One machine plays thousands of visitors from one address: the visitor limits would measure themselves.
const config = loadConfig({
  RATE_LIMITS: 'off',
  ...process.env,
  PORT: '0',
  HOST: '127.0.0.1',
  LOG_LEVEL: 'silent',
  DATA_DIR: dir,
  ADMIN_PASSWORD: 'bench-password',
});
const server = await startServer(config, { log: createLogger('silent') });
process.stdout.write(`${JSON.stringify({ url: server.url, adminEmail: config.adminEmail })}\n`);
// `mark` on stdin: answer with this process's monotonic clock in µs (the clock of --cpu-prof samples).
createInterface({ input: process.stdin }).on('line', (line) => {
  if (line.trim() === 'mark')
    process.stdout.write(`${JSON.stringify({ markUs: Number(process.hrtime.bigint() / 1000n) })}\n`);
});
const stop = async () => {
  await server.close();
  if (!keep) rmSync(dir, { recursive: true, force: true });
  process.exit(0);
};
process.on('SIGTERM', () => void stop());
process.on('SIGINT', () => void stop());
