// This agent's Online / Away switch. Remembered on this browser and re-sent on every connect.
import { createModel, effect, signal, untracked, type ReadonlySignal } from '@preact/signals';
import { errorMessage, type ApiClient } from '../api/client.js';
import type { KeyValueStore } from '../lib/storage.js';
import type { Realtime } from './realtime-model.js';

export type Presence = 'online' | 'away';
const KEY = 'firstline.console.presence';

export const PresenceModel = createModel(
  ({ api, realtime, store }: { api: ApiClient; realtime: Realtime; store: KeyValueStore }) => {
    const status = signal<Presence>(store.get(KEY) === 'away' ? 'away' : 'online');
    const busy = signal(false);
    const error = signal<string | null>(null);

    async function apply(next: Presence) {
      busy.value = true;
      error.value = null;
      const res = await realtime.presence(next);
      if (!res.ok) {
        // The socket may be down; the HTTP route does the same.
        try {
          await api.setPresence(next);
        } catch (err) {
          error.value = errorMessage(err);
        }
      }
      busy.value = false;
    }

    // The server marks a connecting agent online; a chosen "away" must survive reloads and reconnects.
    effect(() => {
      if (realtime.connects.value > 0 && untracked(() => status.value) === 'away') void apply('away');
    });

    function set(next: Presence) {
      if (status.peek() === next) return;
      status.value = next;
      store.set(KEY, next);
      void apply(next);
    }

    return {
      status: status as ReadonlySignal<Presence>,
      busy: busy as ReadonlySignal<boolean>,
      error: error as ReadonlySignal<string | null>,
      set,
      toggle: () => set(status.peek() === 'online' ? 'away' : 'online'),
    };
  },
);

export type PresenceState = InstanceType<typeof PresenceModel>;
