// Admin: webhook endpoints (several, each with its own secret and event filter) and the delivery log of the one
// selected.
import { createModel, signal, type ReadonlySignal } from '@preact/signals';
import { errorMessage, type ApiClient } from '../api/client.js';
import type { EndpointDelivery, WebhookEndpoint, WebhookEndpointInput } from '../api/types.js';

/** A secret the server returned once (on create or rotate): shown until the admin dismisses it. */
export interface RevealedSecret {
  endpointId: string;
  url: string;
  secret: string;
}

export const WebhookEndpointsModel = createModel((api: ApiClient) => {
  const endpoints = signal<WebhookEndpoint[]>([]);
  const selected = signal<string | null>(null);
  const log = signal<EndpointDelivery[]>([]);
  const revealed = signal<RevealedSecret | null>(null);
  const loading = signal(true);
  const busy = signal(false);
  const error = signal<string | null>(null);
  const notice = signal<string | null>(null);

  async function loadLog() {
    const id = selected.peek();
    if (!id) return;
    try {
      const res = await api.endpointDeliveries(id);
      if (selected.peek() === id) log.value = res.deliveries;
    } catch (err) {
      error.value = errorMessage(err);
    }
  }

  async function load() {
    loading.value = true;
    try {
      endpoints.value = (await api.listWebhookEndpoints()).endpoints;
      if (!endpoints.value.some((e) => e.id === selected.peek())) selected.value = endpoints.value[0]?.id ?? null;
      await loadLog();
      error.value = null;
    } catch (err) {
      error.value = errorMessage(err);
    } finally {
      loading.value = false;
    }
  }

  /** Runs one change, then reloads the list and the log; false (with the error shown) when it failed. */
  async function run(fn: () => Promise<unknown>, done?: string): Promise<boolean> {
    busy.value = true;
    notice.value = null;
    try {
      await fn();
      error.value = null;
      if (done) notice.value = done;
      await load();
      return true;
    } catch (err) {
      error.value = errorMessage(err);
      return false;
    } finally {
      busy.value = false;
    }
  }

  void load();

  return {
    endpoints: endpoints as ReadonlySignal<WebhookEndpoint[]>,
    selected: selected as ReadonlySignal<string | null>,
    log: log as ReadonlySignal<EndpointDelivery[]>,
    revealed: revealed as ReadonlySignal<RevealedSecret | null>,
    loading: loading as ReadonlySignal<boolean>,
    busy: busy as ReadonlySignal<boolean>,
    error: error as ReadonlySignal<string | null>,
    notice: notice as ReadonlySignal<string | null>,
    reload: load,
    select(id: string) {
      selected.value = id;
      log.value = [];
      void loadLog();
    },
    add: (input: WebhookEndpointInput) =>
      run(async () => {
        const res = await api.createWebhookEndpoint(input);
        revealed.value = { endpointId: res.endpoint.id, url: res.endpoint.url, secret: res.secret };
        selected.value = res.endpoint.id;
      }),
    setEnabled: (e: WebhookEndpoint, enabled: boolean) =>
      run(
        () => api.updateWebhookEndpoint(e.id, { enabled }),
        enabled ? `Enabled ${e.url}` : `Paused ${e.url}: its events wait until you enable it again`,
      ),
    rotate: (e: WebhookEndpoint) =>
      run(async () => {
        const res = await api.rotateWebhookSecret(e.id);
        revealed.value = { endpointId: e.id, url: e.url, secret: res.secret };
      }),
    remove: (e: WebhookEndpoint) => run(() => api.deleteWebhookEndpoint(e.id), `Deleted ${e.url}`),
    /** Queues the test delivery, then refreshes the log shortly after, when it has usually gone out. */
    sendTest: (e: WebhookEndpoint) =>
      run(async () => {
        await api.testWebhookEndpoint(e.id);
        selected.value = e.id;
        await new Promise((r) => setTimeout(r, 800));
      }, `Test event sent to ${e.url}: its result is at the top of the log below`),
    dismissSecret() {
      revealed.value = null;
    },
  };
});

export type WebhookEndpointsState = InstanceType<typeof WebhookEndpointsModel>;
