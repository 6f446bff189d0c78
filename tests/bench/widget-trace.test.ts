import { describe, expect, it } from 'vitest';
import { widgetTasks, type TraceEvent } from '../../bench/widget-trace.js';

const W = 'http://127.0.0.1:4000';
const meta = (pid: number, tid: number, name: string): TraceEvent => ({
  name: 'thread_name',
  ph: 'M',
  ts: 0,
  pid,
  tid,
  args: { name },
});
const x = (name: string, ts: number, dur: number, url?: string, tid = 1): TraceEvent => ({
  name,
  ph: 'X',
  ts,
  dur,
  pid: 7,
  tid,
  args: url ? { data: { url } } : {},
});
const loaf = (ph: 'b' | 'e', ts: number, url?: string): TraceEvent => ({
  name: 'AnimationFrame::Script::Execute',
  ph,
  ts,
  pid: 7,
  tid: 1,
  id2: { local: '0x1' },
  args: ph === 'b' ? { animation_frame_script_timing_info: { source_location_url: url } } : {},
});
const trace = (events: TraceEvent[]) =>
  Buffer.from(JSON.stringify({ traceEvents: [meta(7, 1, 'CrRendererMain'), meta(7, 2, 'Compositor'), ...events] }));

describe('widget main-thread cost from a Chromium trace', () => {
  it("counts the widget's own script time, not the layout the browser runs in the same task", () => {
    const r = widgetTasks(
      trace([
        x('RunTask', 0, 10_000),
        x('EvaluateScript', 1_000, 2_000, `${W}/widget.js`),
        x('v8.run', 1_100, 1_800, `${W}/widget.js`), // nested: counted once
        x('Layout', 3_000, 6_000),
      ]),
      W,
    );
    expect(r.ms).toBeCloseTo(2);
    expect(r.taskMs).toBeCloseTo(10);
    expect(r.tasks).toBe(1);
  });

  it(
    'counts promise jobs Chromium attributes to the widget (the chat module) ' +
      'once, and nothing of other origins or threads',
    () => {
      const r = widgetTasks(
        trace([
          x('RunTask', 19_000, 7_000),
          loaf('b', 20_000, `${W}/widget.js`),
          x('FunctionCall', 21_000, 1_000, `${W}/widget.js`), // inside the span above
          loaf('e', 25_000),
          x('RunTask', 30_000, 5_000),
          x('EvaluateScript', 30_500, 4_000, 'https://cdn.example/host.js'),
          x('EvaluateScript', 40_000, 4_000, `${W}/widget.js`, 2), // not the main thread
        ]),
        W,
      );
      expect(r.ms).toBeCloseTo(5);
      expect(r.longTasks).toBe(0);
    },
  );

  it('reports a long task the widget ran in', () => {
    const r = widgetTasks(trace([x('RunTask', 0, 60_000), x('FunctionCall', 100, 55_000, `${W}/widget.js`)]), W);
    expect(r).toMatchObject({ tasks: 1, longTasks: 1 });
    expect(r.ms).toBeCloseTo(55);
  });
});
