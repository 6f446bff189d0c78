// The bell: SLA warnings, breaches and other alerts for this agent, live over the socket.
import { computed, createModel, effect, signal, untracked, type ReadonlySignal } from '@preact/signals';
import { errorMessage, type ApiClient } from '../api/client.js';
import type { Notification } from '../api/types.js';
import type { Realtime } from './realtime-model.js';

export const NotificationsModel = createModel(({ api, realtime }: { api: ApiClient; realtime: Realtime }) => {
  const items = signal<Notification[]>([]);
  const error = signal<string | null>(null);
  const unread = computed(() => items.value.filter((n) => !n.readAt).length);

  async function load() {
    try {
      items.value = (await api.listNotifications()).notifications ?? [];
      error.value = null;
    } catch (err) {
      error.value = errorMessage(err);
    }
  }

  async function markRead(ids: number[]) {
    const wanted = new Set(ids);
    const fresh = items.peek().filter((n) => wanted.has(n.id) && !n.readAt);
    if (fresh.length === 0) return;
    const at = new Date().toISOString();
    items.value = items.peek().map((n) => (wanted.has(n.id) && !n.readAt ? { ...n, readAt: at } : n));
    try {
      await api.markNotificationsRead(fresh.map((n) => n.id));
    } catch (err) {
      error.value = errorMessage(err);
      void load();
    }
  }

  effect(() =>
    realtime.on('notification', (n) => {
      if (items.peek().some((x) => x.id === n.id)) return;
      items.value = [{ ...n, readAt: null }, ...items.peek()];
    }),
  );
  effect(() => {
    if (realtime.connects.value > 1) untracked(() => void load());
  });
  void load();

  return {
    items: items as ReadonlySignal<Notification[]>,
    unread,
    error: error as ReadonlySignal<string | null>,
    reload: load,
    markRead,
    markAllRead: () =>
      markRead(
        items
          .peek()
          .filter((n) => !n.readAt)
          .map((n) => n.id),
      ),
  };
});

export type Notifications = InstanceType<typeof NotificationsModel>;
