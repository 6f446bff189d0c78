// A list loaded from the API with loading/error/saving state; admin screens share it.
import { signal, type ReadonlySignal } from '@preact/signals';
import { errorMessage } from '../api/client.js';

export function createRemoteList<T>(fetchList: () => Promise<T[] | undefined>) {
  const items = signal<T[]>([]);
  const loading = signal(true);
  const error = signal<string | null>(null);
  const saving = signal(false);

  async function load(): Promise<void> {
    loading.value = true;
    try {
      items.value = (await fetchList()) ?? [];
      error.value = null;
    } catch (err) {
      error.value = errorMessage(err);
    } finally {
      loading.value = false;
    }
  }

  /** Runs a change, then reloads; false (with `error` set) when it failed. */
  async function run(action: () => Promise<unknown>): Promise<boolean> {
    saving.value = true;
    error.value = null;
    try {
      await action();
      await load();
      return true;
    } catch (err) {
      error.value = errorMessage(err);
      return false;
    } finally {
      saving.value = false;
    }
  }

  return {
    items,
    load,
    run,
    state: {
      loading: loading as ReadonlySignal<boolean>,
      error: error as ReadonlySignal<string | null>,
      saving: saving as ReadonlySignal<boolean>,
    },
  };
}
