// Admin analytics: one metrics snapshot for a chosen time range.
import { createModel, signal, type ReadonlySignal } from '@preact/signals';
import { errorMessage, type ApiClient } from '../api/client.js';
import type { Metrics } from '../api/types.js';

export type MetricsRange = '24h' | '7d' | '30d' | 'all' | 'custom';

const HOURS: Record<Exclude<MetricsRange, 'custom'>, number | null> = {
  '24h': 24,
  '7d': 24 * 7,
  '30d': 24 * 30,
  all: null,
};

/** A yyyy-mm-dd day from a date input as an ISO instant: start of the day, or its end with `end`. */
export function dayToIso(day: string, end = false): string | undefined {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(day)) return undefined;
  const d = new Date(`${day}T00:00:00`);
  if (Number.isNaN(d.getTime())) return undefined;
  if (end) d.setDate(d.getDate() + 1);
  return d.toISOString();
}

export const MetricsModel = createModel((api: ApiClient) => {
  const metrics = signal<Metrics | null>(null);
  const range = signal<MetricsRange>('7d');
  const loading = signal(true);
  const error = signal<string | null>(null);
  const customFrom = signal('');
  const customTo = signal('');
  let seq = 0;

  /** The instants the current range covers, also used for the report downloads. */
  function bounds(): { from?: string; to?: string } {
    if (range.value === 'custom') return { from: dayToIso(customFrom.value), to: dayToIso(customTo.value, true) };
    const hours = HOURS[range.value];
    return { from: hours === null ? undefined : new Date(Date.now() - hours * 3600_000).toISOString() };
  }

  async function load() {
    const mine = ++seq;
    loading.value = true;
    try {
      const m = await api.metrics(bounds());
      if (mine !== seq) return;
      metrics.value = m;
      error.value = null;
    } catch (err) {
      if (mine === seq) error.value = errorMessage(err);
    } finally {
      if (mine === seq) loading.value = false;
    }
  }

  void load();

  return {
    metrics: metrics as ReadonlySignal<Metrics | null>,
    range: range as ReadonlySignal<MetricsRange>,
    loading: loading as ReadonlySignal<boolean>,
    error: error as ReadonlySignal<string | null>,
    reload: load,
    bounds,
    customFrom: customFrom as ReadonlySignal<string>,
    customTo: customTo as ReadonlySignal<string>,
    setCustom(from: string, to: string) {
      customFrom.value = from;
      customTo.value = to;
      range.value = 'custom';
      void load();
    },
    setRange(next: MetricsRange) {
      range.value = next;
      void load();
    },
  };
});

export type MetricsView = InstanceType<typeof MetricsModel>;
