// Admin: the outbound webhook log, filtered by delivery status, and how far behind delivery is.
import { createModel, effect, signal, type ReadonlySignal } from '@preact/signals';
import { errorMessage, type ApiClient } from '../api/client.js';
import type { DeliveryStatus, WebhookDelivery, WebhookStats } from '../api/types.js';

/** Backlog and lag change by the second under load; the log itself only on demand. */
const STATS_EVERY_MS = 5000;

export const DeliveriesModel = createModel((api: ApiClient) => {
  const deliveries = signal<WebhookDelivery[]>([]);
  const stats = signal<WebhookStats | null>(null);
  const status = signal<DeliveryStatus | null>(null);
  const loading = signal(true);
  const error = signal<string | null>(null);
  let seq = 0;

  async function loadStats() {
    try {
      stats.value = await api.webhookStats();
    } catch (err) {
      error.value = errorMessage(err);
    }
  }

  async function load() {
    const mine = ++seq;
    loading.value = true;
    try {
      const [res] = await Promise.all([api.listDeliveries(status.peek() ?? undefined), loadStats()]);
      if (mine !== seq) return;
      deliveries.value = res.deliveries ?? [];
      error.value = null;
    } catch (err) {
      if (mine === seq) error.value = errorMessage(err);
    } finally {
      if (mine === seq) loading.value = false;
    }
  }
  effect(() => {
    const timer = setInterval(() => void loadStats(), STATS_EVERY_MS);
    return () => clearInterval(timer);
  });
  void load();

  return {
    deliveries: deliveries as ReadonlySignal<WebhookDelivery[]>,
    stats: stats as ReadonlySignal<WebhookStats | null>,
    status: status as ReadonlySignal<DeliveryStatus | null>,
    loading: loading as ReadonlySignal<boolean>,
    error: error as ReadonlySignal<string | null>,
    reload: load,
    setStatus(next: DeliveryStatus | null) {
      status.value = next;
      void load();
    },
  };
});

export type Deliveries = InstanceType<typeof DeliveriesModel>;
