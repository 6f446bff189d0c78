// Who is signed in. The token survives reloads in localStorage when the browser allows it.
import { computed, createModel, signal, type ReadonlySignal } from '@preact/signals';
import { ApiError, errorMessage, type ApiClient } from '../api/client.js';
import type { User } from '../api/types.js';
import type { KeyValueStore } from '../lib/storage.js';

const KEY = 'firstline.console.session';

interface Stored {
  token: string;
  user: User;
}

function read(store: KeyValueStore): Stored | null {
  const raw = store.get(KEY);
  if (!raw) return null;
  try {
    const v = JSON.parse(raw) as Partial<Stored>;
    return typeof v.token === 'string' && v.user && typeof v.user.id === 'string' ? (v as Stored) : null;
  } catch {
    return null;
  }
}

export const SessionModel = createModel(
  (store: KeyValueStore, login: (email: string, password: string) => ReturnType<ApiClient['login']>) => {
    const initial = read(store);
    const token = signal<string | null>(initial?.token ?? null);
    const user = signal<User | null>(initial?.user ?? null);
    const busy = signal(false);
    const error = signal<string | null>(null);
    /** Set when the server ended the session, so the sign-in screen can say why. */
    const expired = signal(false);

    return {
      token: token as ReadonlySignal<string | null>,
      user: user as ReadonlySignal<User | null>,
      isAdmin: computed(() => user.value?.role === 'admin'),
      busy: busy as ReadonlySignal<boolean>,
      error: error as ReadonlySignal<string | null>,
      expired: expired as ReadonlySignal<boolean>,
      async signIn(email: string, password: string) {
        if (busy.value) return;
        busy.value = true;
        error.value = null;
        try {
          const res = await login(email.trim(), password);
          store.set(KEY, JSON.stringify({ token: res.token, user: res.user } satisfies Stored));
          expired.value = false;
          token.value = res.token;
          user.value = res.user;
        } catch (err) {
          error.value =
            err instanceof ApiError && err.status === 401
              ? err.message || 'Wrong email or password.'
              : errorMessage(err);
        } finally {
          busy.value = false;
        }
      },
      /** The signed-in user changed (a display name was chosen): keep the token, store the new fields. */
      updateUser(next: User) {
        if (!token.value) return;
        store.set(KEY, JSON.stringify({ token: token.value, user: next } satisfies Stored));
        user.value = next;
      },
      signOut(reason?: 'expired') {
        store.remove(KEY);
        expired.value = reason === 'expired';
        token.value = null;
        user.value = null;
      },
    };
  },
);

export type Session = InstanceType<typeof SessionModel>;
