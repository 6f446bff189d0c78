/**
 * The top self-time functions of a V8 `.cpuprofile` (from `node --cpu-prof`), optionally within a time window (pure,
 * tested).
 */

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number; columnNumber?: number };
  children?: number[];
}

export interface CpuProfile {
  nodes: ProfileNode[];
  startTime: number;
  endTime: number;
  samples: number[];
  timeDeltas: number[];
}

export interface SelfTime {
  /** `name (file:line)`; anonymous functions are `(anonymous)`. */
  function: string;
  selfMs: number;
  /** Share of the busy (non-idle) samples in the window. */
  share: number;
}

/** Samples that are not JavaScript or native work: waiting for events. */
const IDLE = new Set(['(idle)']);

function label(frame: ProfileNode['callFrame'], root: string): string {
  const name = frame.functionName || '(anonymous)';
  if (!frame.url) return name;
  let file = frame.url.replace(/^file:\/\//, '');
  if (root && file.startsWith(root)) file = file.slice(root.length).replace(/^\//, '');
  return `${name} (${file}:${frame.lineNumber + 1})`;
}

/**
 * Self time per function (sum of the sample intervals whose top frame it is), the `top` largest.
 * `window`: only samples taken between these profile timestamps (µs, the profile's clock).
 * `root`: a path prefix cut from file names.
 */
export function summarizeCpuProfile(
  profile: CpuProfile,
  opts: { top?: number; window?: { fromUs: number; toUs: number }; root?: string } = {},
): { busyMs: number; idleMs: number; top: SelfTime[] } {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const self = new Map<string, number>();
  let busyUs = 0;
  let idleUs = 0;
  let t = profile.startTime;
  for (let i = 0; i < profile.samples.length; i++) {
    t += profile.timeDeltas[i] ?? 0;
    // A sample's time is the interval up to the next sample.
    const dt = profile.timeDeltas[i + 1] ?? 0;
    if (opts.window && (t < opts.window.fromUs || t > opts.window.toUs)) continue;
    const node = byId.get(profile.samples[i]!);
    if (!node) continue;
    if (IDLE.has(node.callFrame.functionName)) {
      idleUs += dt;
      continue;
    }
    busyUs += dt;
    const key = label(node.callFrame, opts.root ?? '');
    self.set(key, (self.get(key) ?? 0) + dt);
  }
  const top = [...self.entries()]
    .sort((a, b) => b[1] - a[1])
    .slice(0, opts.top ?? 10)
    .map(([fn, us]) => ({
      function: fn,
      selfMs: Math.round(us / 100) / 10,
      share: busyUs ? Math.round((us / busyUs) * 1000) / 1000 : 0,
    }));
  return { busyMs: Math.round(busyUs / 100) / 10, idleMs: Math.round(idleUs / 100) / 10, top };
}
