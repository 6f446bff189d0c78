/** What the widget costs the host page's main thread, read from a Chromium trace (pure, tested). */

export interface TraceEvent {
  name: string;
  ph: string;
  ts: number;
  dur?: number;
  pid: number;
  tid: number;
  id2?: { local?: string };
  args?: {
    name?: string;
    data?: { url?: string; stackTrace?: { url?: string }[] };
    animation_frame_script_timing_info?: { source_location_url?: string };
  };
}
const WIDGET_WORK = new Set([
  'EvaluateScript',
  'v8.compile',
  'v8.compileModule',
  'v8.evaluateModule',
  'FunctionCall',
  'TimerFire',
  'FireIdleCallback',
  'EventDispatch',
  'v8.run',
]);

/**
 * Main-thread cost of the code from URLs starting with `origin`, in a Chromium trace.
 * `ms`: time the widget's own code ran: trace events carrying a widget URL (script compile and
 * evaluation, timer, idle and event callbacks), joined with the script entries Chromium itself
 * attributes to a widget URL (Long Animation Frame timing, which also covers promise jobs such as
 * the chat module's evaluation), overlaps counted once. Work the browser does for the page in the
 * same task (the load event's layout, say) is not the widget's.
 * `taskMs`: the older, coarser measure: the whole main-thread tasks in which any of that code ran.
 */
export function widgetTasks(
  trace: Buffer,
  origin: string,
): { ms: number; taskMs: number; tasks: number; longTasks: number } {
  const events = (JSON.parse(trace.toString('utf8')) as { traceEvents: TraceEvent[] }).traceEvents;
  const main = new Set(
    events
      .filter((e) => e.ph === 'M' && e.name === 'thread_name' && e.args?.name === 'CrRendererMain')
      .map((e) => `${e.pid}:${e.tid}`),
  );
  const thread = (e: TraceEvent) => `${e.pid}:${e.tid}`;
  const onMain = (e: TraceEvent) => main.has(thread(e)) && e.ph === 'X' && e.dur !== undefined;
  const ours = events.filter(
    (e) =>
      onMain(e) &&
      WIDGET_WORK.has(e.name) &&
      [e.args?.data?.url, e.args?.data?.stackTrace?.[0]?.url].some((u) => u?.startsWith(origin)),
  );
  const spans: [string, number, number][] = ours.map((e) => [thread(e), e.ts, e.ts + e.dur!]);
  const open = new Map<string, number>();
  for (const e of events) {
    if (e.name !== 'AnimationFrame::Script::Execute' || !main.has(thread(e))) continue;
    const key = `${thread(e)}:${e.id2?.local}`;
    if (e.ph === 'b' && e.args?.animation_frame_script_timing_info?.source_location_url?.startsWith(origin))
      open.set(key, e.ts);
    else if (e.ph === 'e' && open.has(key)) {
      spans.push([thread(e), open.get(key)!, e.ts]);
      open.delete(key);
    }
  }
  // Union of the spans per thread.
  spans.sort((x, y) => (x[0] === y[0] ? x[1] - y[1] : x[0] < y[0] ? -1 : 1));
  let us = 0;
  let cur: [string, number, number] | null = null;
  for (const s of spans) {
    if (cur && cur[0] === s[0] && s[1] <= cur[2]) cur[2] = Math.max(cur[2], s[2]);
    else {
      if (cur) us += cur[2] - cur[1];
      cur = [...s];
    }
  }
  if (cur) us += cur[2] - cur[1];
  const tasks = events.filter((e) => onMain(e) && e.name === 'RunTask');
  const hit = tasks.filter((t) => ours.some((o) => thread(o) === thread(t) && o.ts >= t.ts && o.ts <= t.ts + t.dur!));
  const taskMs = hit.reduce((sum, t) => sum + t.dur! / 1000, 0);
  return { ms: us / 1000, taskMs, tasks: hit.length, longTasks: hit.filter((t) => t.dur! > 50_000).length };
}
