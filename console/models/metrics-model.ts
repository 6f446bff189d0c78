// Admin analytics: one metrics snapshot for a chosen time range.
import { createModel, signal, type ReadonlySignal } from '@preact/signals';
import { errorMessage, type ApiClient } from '../api/client.js';
import type { Metrics } from '../api/types.js';

export type MetricsRange = '24h' | '7d' | '30d' | 'all';

const HOURS: Record<MetricsRange, number | null> = { '24h': 24, '7d': 24 * 7, '30d': 24 * 30, all: null };

export const MetricsModel = createModel((api: ApiClient) => {
  const metrics = signal<Metrics | null>(null);
  const range = signal<MetricsRange>('7d');
  const loading = signal(true);
  const error = signal<string | null>(null);
  let seq = 0;

  async function load() {
    const mine = ++seq;
    loading.value = true;
    const hours = HOURS[range.value];
    const from = hours === null ? undefined : new Date(Date.now() - hours * 3600_000).toISOString();
    try {
      const m = await api.metrics({ from });
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
    setRange(next: MetricsRange) {
      range.value = next;
      void load();
    },
  };
});

export type MetricsView = InstanceType<typeof MetricsModel>;
