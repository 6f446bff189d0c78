import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const HERE = path.dirname(fileURLToPath(import.meta.url));

export interface BenchServer {
  url: string;
  adminEmail: string;
  pid: number;
  /** The server process's monotonic clock in µs (the clock of `--cpu-prof` profiles). */
  mark(): Promise<number>;
  stop(): Promise<void>;
  /** Kills the process at once, no clean shutdown (a crashed node); resolves when it is gone. */
  kill(): Promise<void>;
}

/**
 * Starts bench/bench-server.ts in a child process and resolves with its URL. `nodeArgs`: flags for
 * that node process (`--cpu-prof`, `--cpu-prof-dir=...`).
 */
export async function spawnBenchServer(
  env: Record<string, string> = {},
  opts: { nodeArgs?: string[] } = {},
): Promise<BenchServer> {
  const child = spawn(
    process.execPath,
    [...(opts.nodeArgs ?? []), '--import', 'tsx', path.join(HERE, 'bench-server.ts')],
    { env: { ...process.env, ...env }, stdio: ['pipe', 'pipe', 'inherit'] },
  );
  const lines = createInterface({ input: child.stdout! });
  const first = await new Promise<string>((resolve, reject) => {
    lines.once('line', resolve);
    child.once('exit', (code) => reject(new Error(`bench server exited with ${code}`)));
  });
  const info = JSON.parse(first) as { url: string; adminEmail: string };
  return {
    ...info,
    pid: child.pid!,
    mark: () =>
      new Promise<number>((resolve) => {
        lines.once('line', (line) => resolve((JSON.parse(line) as { markUs: number }).markUs));
        child.stdin!.write('mark\n');
      }),
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
    kill: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGKILL');
      }),
  };
}
