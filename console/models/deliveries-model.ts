// Admin: the outbound webhook log, filtered by delivery status.
import { createModel, signal, type ReadonlySignal } from '@preact/signals';
import { errorMessage, type ApiClient } from '../api/client.js';
import type { DeliveryStatus, WebhookDelivery } from '../api/types.js';

export const DeliveriesModel = createModel((api: ApiClient) => {
  const deliveries = signal<WebhookDelivery[]>([]);
  const status = signal<DeliveryStatus | null>(null);
  const loading = signal(true);
  const error = signal<string | null>(null);
  let seq = 0;

  async function load() {
    const mine = ++seq;
    loading.value = true;
    try {
      const res = await api.listDeliveries(status.peek() ?? undefined);
      if (mine !== seq) return;
      deliveries.value = res.deliveries ?? [];
      error.value = null;
    } catch (err) {
      if (mine === seq) error.value = errorMessage(err);
    } finally {
      if (mine === seq) loading.value = false;
    }
  }
  void load();

  return {
    deliveries: deliveries as ReadonlySignal<WebhookDelivery[]>,
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
