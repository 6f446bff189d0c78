import { monitorEventLoopDelay, type IntervalHistogram } from 'node:perf_hooks';
import type { RuntimeMetrics } from '../../protocol/http.js';
import type { TurnAdmission } from '../pipeline/turn-admission.js';

/** What this process is using, for admins and benchmarks (`GET /api/metrics/runtime`). */
export type RuntimeSnapshot = RuntimeMetrics;

export interface RuntimeStats {
  /** `reset`: start a new delay window after reading this one (benchmarks read one per step). */
  read(opts?: { reset?: boolean }): RuntimeSnapshot;
  stop(): void;
}

const ms = (ns: number) => Math.round(ns / 1e4) / 100;

/** Samples event-loop delay with `perf_hooks.monitorEventLoopDelay` (10 ms resolution by default). */
export function createRuntimeStats(
  opts: { resolutionMs?: number; turns?: Pick<TurnAdmission, 'counts' | 'resetPeak'> } = {},
): RuntimeStats {
  const histogram: IntervalHistogram = monitorEventLoopDelay({ resolution: opts.resolutionMs ?? 10 });
  histogram.enable();
  let windowStart = performance.now();
  return {
    read({ reset = false } = {}) {
      const m = process.memoryUsage();
      const cpu = process.cpuUsage();
      const empty = histogram.count === 0;
      const snapshot: RuntimeSnapshot = {
        eventLoopDelayMs: empty
          ? { p50: 0, p99: 0, max: 0 }
          : { p50: ms(histogram.percentile(50)), p99: ms(histogram.percentile(99)), max: ms(histogram.max) },
        windowSeconds: Math.round(performance.now() - windowStart) / 1000,
        memory: {
          rssBytes: m.rss,
          heapUsedBytes: m.heapUsed,
          heapTotalBytes: m.heapTotal,
          externalBytes: m.external,
          arrayBuffersBytes: m.arrayBuffers,
        },
        cpuMs: { user: Math.round(cpu.user / 1000), system: Math.round(cpu.system / 1000) },
        uptimeSeconds: Math.round(process.uptime()),
        ...(opts.turns ? { turns: opts.turns.counts() } : {}),
      };
      if (reset) {
        opts.turns?.resetPeak();
        histogram.reset();
        windowStart = performance.now();
      }
      return snapshot;
    },
    stop: () => histogram.disable(),
  };
}
