/**
 * `npm run bench -- throughput [--sockets=200] [--seconds=4] [--start-rate=10] [--factor=1.5]
 * [--max-rate=2000] [--grace=3] [--db=pglite,postgres] [--cpu-prof] [--overload=N [--overload-grace=30]]
 * [--node-flags=start|none]`
 *
 * A server in one process (bench/bench-server.ts), a load generator in another
 * (bench/throughput-load.ts): N visitor sockets, then steps of rising message rate until the knee
 * (bench/throughput-knee.ts). Per step: answered rate, p50/p90/p99 message-to-answer latency,
 * server CPU and RSS and event-loop delay p99 (the admin route /api/metrics/runtime), /healthz p99.
 * `--cpu-prof` runs the server under `node --cpu-prof`, keeps the profile in bench/results/ and prints
 * the top 10 self-time functions of the knee step. Short steps by default: the machine is shared,
 * so read ratios between steps and databases more than absolute figures.
 *
 * `--overload=N` replaces the ramp with one step at N messages/s (after the warm-up), meant to be
 * past the knee: does the server push back (AI turns wait, see server/pipeline/turn-admission.ts)
 * or fall over? It reports `/healthz` p99, dropped sockets, false handoffs (every load question is
 * one the knowledge base answers, so any handoff is false), answers still owed after
 * `--overload-grace` seconds and the server's turn admission counts.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { readdir, readFile, rename, rm } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { RuntimeMetrics } from '../protocol/http.js';
import { freshBenchDatabase } from './bench-database.js';
import { percentile, RESULTS_DIR, round } from './bench-result.js';
import { summarizeCpuProfile, type CpuProfile } from './cpu-profile-summary.js';
import { spawnBenchServer, type BenchServer } from './spawn-bench-server.js';
import { startNodeFlags } from './spawn-started-server.js';
import { DEFAULT_KNEE, findKnee, nextRate, pastKnee, type KneeCriteria } from './throughput-knee.js';
import type { LoadCommand, StepLoad } from './throughput-load.js';
import { parseBenchFlags } from './bench-flags.js';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const ROOT = path.dirname(HERE);

export async function benchThroughput(args: string[] = []): Promise<Record<string, unknown>> {
  const f = parseBenchFlags(args, {
    sockets: 200,
    seconds: 4,
    'start-rate': 10,
    factor: 1.5,
    'max-rate': 2000,
    grace: 3,
    'max-p99': DEFAULT_KNEE.maxP99Ms,
    db: 'pglite,postgres',
    'cpu-prof': false,
    overload: 0,
    'overload-grace': 30,
    'node-flags': 'start',
  });
  const options = {
    sockets: Number(f.sockets),
    seconds: Number(f.seconds),
    startRate: Number(f['start-rate']),
    factor: Number(f.factor),
    maxRate: Number(f['max-rate']),
    graceSeconds: Number(f.grace),
    cpuProf: f['cpu-prof'] === true,
    knee: { ...DEFAULT_KNEE, maxP99Ms: Number(f['max-p99']) },
    overload: Number(f.overload) > 0 ? { rate: Number(f.overload), graceSeconds: Number(f['overload-grace']) } : null,
    // `start`: the V8 flags `npm start` runs with (package.json); `none`: V8's defaults, a baseline.
    nodeFlags: f['node-flags'] === 'none' ? [] : startNodeFlags(),
  };
  const results: Record<string, unknown> = { options };
  const dbs = String(f.db).split(',');
  if (dbs.includes('pglite')) results.pglite = await ramp('pglite', {}, options);
  if (dbs.includes('postgres')) {
    const pg = await freshBenchDatabase('firstline_bench_throughput');
    if (pg.url === null) {
      console.warn(`[throughput] PostgreSQL part skipped: ${pg.reason}`);
      results.postgres = { skipped: pg.reason };
    } else {
      try {
        results.postgres = await ramp('postgres', { DATABASE_URL: pg.url }, options);
      } finally {
        await pg.drop();
      }
    }
  }
  return results;
}

type Options = {
  sockets: number;
  seconds: number;
  startRate: number;
  factor: number;
  maxRate: number;
  graceSeconds: number;
  cpuProf: boolean;
  knee: KneeCriteria;
  overload: { rate: number; graceSeconds: number } | null;
  nodeFlags: string[];
};
type Load = ReturnType<typeof startLoad>;
type StepFigures = Record<string, unknown> &
  StepLoad & { targetRate: number; healthzMs: { probes: number; p50: number; p99: number; max: number } };

/**
 * One step at `rate`, with the server's CPU, RSS, event-loop delay and turn admission, and /healthz probed throughout.
 */
async function measureStep(
  server: BenchServer,
  token: string,
  load: Load,
  rate: number,
  seconds: number,
  graceSeconds: number,
): Promise<{ figures: StepFigures; window: { fromUs: number; toUs: number } }> {
  const before = await runtime(server, token, true);
  const fromUs = await server.mark();
  const health = probeHealth(server.url);
  const t0 = performance.now();
  const step = (await load.ask({ type: 'step', rate, seconds, graceSeconds })) as StepLoad;
  const wallMs = performance.now() - t0;
  const healthMs = await health.stop();
  const toUs = await server.mark();
  const after = await runtime(server, token, false);
  const cpuMs = after.cpuMs.user + after.cpuMs.system - (before.cpuMs.user + before.cpuMs.system);
  const figures: StepFigures = {
    targetRate: rate,
    ...step,
    serverCpuPercent: round((cpuMs / wallMs) * 100, 1),
    serverCpuMsPerAnswer: step.answered ? round(cpuMs / step.answered, 2) : null,
    serverRssMb: mb(after.memory.rssBytes),
    eventLoopDelayMs: after.eventLoopDelayMs,
    healthzMs: {
      probes: healthMs.length,
      p50: round(percentile(healthMs, 0.5)),
      p99: round(percentile(healthMs, 0.99)),
      max: round(percentile(healthMs, 1)),
    },
    ...(after.turns
      ? {
          turns: {
            peakQueued: after.turns.peakQueued,
            waited: after.turns.waitedTotal - (before.turns?.waitedTotal ?? 0),
            deferred: after.turns.deferredTotal - (before.turns?.deferredTotal ?? 0),
            limits: after.turns.limits,
          },
        }
      : {}),
  };
  return { figures, window: { fromUs, toUs } };
}

async function ramp(name: string, env: Record<string, string>, o: Options): Promise<Record<string, unknown>> {
  const profileDir = path.join(RESULTS_DIR, `.cpu-prof-${process.pid}`);
  const server = await spawnBenchServer(env, {
    nodeArgs: [...o.nodeFlags, ...(o.cpuProf ? ['--cpu-prof', `--cpu-prof-dir=${profileDir}`] : [])],
  });
  const load = startLoad();
  const steps: StepFigures[] = [];
  let overload: Record<string, unknown> | null = null;
  const windows: Array<{ fromUs: number; toUs: number }> = [];
  let profile: Record<string, unknown> | undefined;
  let connectedMs: number | undefined;
  let idleRssMb: number | undefined;
  try {
    const token = await adminToken(server);
    connectedMs = ((await load.ask({ type: 'connect', url: server.url, sockets: o.sockets })) as { ms: number }).ms;
    const idle = await runtime(server, token, true);
    idleRssMb = mb(idle.memory.rssBytes);
    process.stdout.write(
      `[throughput] ${name}: ${o.sockets} sockets connected; idle RSS ${mb(idle.memory.rssBytes)} MB\n`,
    );
    // Warm-up at the first rate (lazy loads, JIT, caches), not counted.
    const warmup = (await load.ask({
      type: 'step',
      rate: o.startRate,
      seconds: o.seconds,
      graceSeconds: o.graceSeconds,
    })) as StepLoad;
    process.stdout.write(
      `[throughput] ${name} warm-up ${o.startRate}/s: p50 ${warmup.latencyMs.p50} p99 ${warmup.latencyMs.p99} ms\n`,
    );
    if (o.overload) {
      const { figures, window } = await measureStep(
        server,
        token,
        load,
        o.overload.rate,
        o.seconds,
        o.overload.graceSeconds,
      );
      windows.push(window);
      overload = {
        ...figures,
        falseHandoffs: figures.handoffs,
        droppedSockets: figures.disconnects,
      };
      process.stdout.write(
        `[throughput] ${name} overload ${o.overload.rate}/s: ` +
          `answered ${figures.answered} of ${figures.sent} (${figures.unanswered} unanswered after ` +
          `${o.overload.graceSeconds} s grace), p50 ${figures.latencyMs.p50} p99 ${figures.latencyMs.p99} ms, ` +
          `healthz p99 ${figures.healthzMs.p99} ms, dropped sockets ${figures.disconnects}, ` +
          `false handoffs ${figures.handoffs}, loop p99 ${(figures.eventLoopDelayMs as { p99: number }).p99} ms\n`,
      );
    }
    for (let rate = o.startRate; !o.overload && rate <= o.maxRate; rate = nextRate(rate, o.factor)) {
      const { figures, window } = await measureStep(server, token, load, rate, o.seconds, o.graceSeconds);
      steps.push(figures);
      windows.push(window);
      const reason = pastKnee(figures, o.knee);
      process.stdout.write(
        `[throughput] ${name} ${rate}/s: answered ${figures.answeredPerSecond}/s, ` +
          `p50 ${figures.latencyMs.p50} p99 ${figures.latencyMs.p99} ms, cpu ${figures.serverCpuPercent}%, ` +
          `loop p99 ${(figures.eventLoopDelayMs as { p99: number }).p99} ms, ` +
          `healthz p99 ${figures.healthzMs.p99} ms${reason ? ` -> knee (${reason})` : ''}\n`,
      );
      if (reason) break;
    }
  } finally {
    await load.ask({ type: 'close' }).catch(() => undefined);
    load.child.kill();
    await server.stop();
  }
  const knee = findKnee(steps, o.knee);
  if (o.cpuProf)
    profile = await keepProfile(name, profileDir, knee.knee === null ? windows.at(-1) : windows[knee.knee]);
  const at = (i: number | null) => (i === null ? null : steps[i]!);
  if (overload)
    return {
      connectedMs: connectedMs ?? null,
      rssWithSocketsIdleMb: idleRssMb ?? null,
      overload,
      ...(profile ? { cpuProfile: profile } : {}),
    };
  return {
    connectedMs: connectedMs ?? null,
    rssWithSocketsIdleMb: idleRssMb ?? null,
    steps,
    peakAnsweredPerSecond: at(knee.peak)?.answeredPerSecond ?? null,
    peakTargetRate: at(knee.peak)?.targetRate ?? null,
    kneeTargetRate: at(knee.knee)?.targetRate ?? null,
    kneeReason: knee.reason,
    ...(profile ? { cpuProfile: profile } : {}),
  };
}

/** Moves the server's profile next to the JSON and summarises the knee step's samples. */
async function keepProfile(
  name: string,
  dir: string,
  window: { fromUs: number; toUs: number } | undefined,
): Promise<Record<string, unknown>> {
  const files = (await readdir(dir)).filter((f) => f.endsWith('.cpuprofile'));
  // One profile per thread (CPU.<date>.<time>.<pid>.<thread id>.<seq>.cpuprofile): the server's own
  // thread is 0; the embedded database's worker thread is kept beside it, not summarised.
  const threadOf = (f: string) => Number(f.split('.').at(-3));
  const main = files.find((f) => threadOf(f) === 0) ?? files[0];
  if (!main) throw new Error(`no .cpuprofile was written to ${dir}: did the server exit cleanly?`);
  const file = path.join(RESULTS_DIR, `throughput-${name}.cpuprofile`);
  await rename(path.join(dir, main), file);
  for (const other of files.filter((f) => f !== main))
    await rename(
      path.join(dir, other),
      path.join(RESULTS_DIR, `throughput-${name}-thread${threadOf(other)}.cpuprofile`),
    );
  await rm(dir, { recursive: true, force: true });
  const summary = summarizeCpuProfile(JSON.parse(await readFile(file, 'utf8')) as CpuProfile, {
    top: 10,
    window,
    root: ROOT,
  });
  process.stdout.write(
    `[throughput] ${name}: top self time at the knee (${summary.busyMs} ms busy, ${summary.idleMs} ms idle):\n`,
  );
  for (const t of summary.top)
    process.stdout.write(
      `  ${String(t.selfMs).padStart(8)} ms ${(t.share * 100).toFixed(1).padStart(5)}%  ${t.function}\n`,
    );
  return { file: path.relative(ROOT, file), window: window ?? null, ...summary };
}

/** The load generator in its own process (bench/throughput-load.ts), driven over IPC. */
export function startLoad(): { child: ChildProcess; ask(cmd: LoadCommand): Promise<unknown> } {
  const child = fork(path.join(HERE, 'throughput-load.ts'), [], {
    execArgv: ['--import', 'tsx'],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  return {
    child,
    ask: (cmd) =>
      new Promise((resolve, reject) => {
        const onExit = (code: number | null) => reject(new Error(`load generator exited with ${code}`));
        child.once('exit', onExit);
        child.once('message', (reply: { type: string; message?: string }) => {
          child.off('exit', onExit);
          if (reply.type === 'error') reject(new Error(`load generator: ${reply.message}`));
          else resolve(reply);
        });
        child.send(cmd);
      }),
  };
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

async function runtime(server: BenchServer, token: string, reset: boolean): Promise<RuntimeMetrics> {
  const res = await fetch(`${server.url}/api/metrics/runtime${reset ? '?reset=1' : ''}`, {
    headers: { authorization: `Bearer ${token}` },
  });
  if (!res.ok) throw new Error(`GET /api/metrics/runtime failed: ${res.status} ${await res.text()}`);
  return (await res.json()) as RuntimeMetrics;
}

/** `/healthz`, one request after another every 100 ms, until stopped: the latencies. */
function probeHealth(url: string): { stop(): Promise<number[]> } {
  const times: number[] = [];
  let running = true;
  const loop = (async () => {
    while (running) {
      const t0 = performance.now();
      const res = await fetch(`${url}/healthz`).catch(() => null);
      await res?.arrayBuffer();
      times.push(res?.ok ? performance.now() - t0 : Number.POSITIVE_INFINITY);
      await new Promise((r) => setTimeout(r, 100));
    }
  })();
  return {
    async stop() {
      running = false;
      await loop;
      return times;
    },
  };
}

const mb = (bytes: number) => round(bytes / 2 ** 20, 1);
