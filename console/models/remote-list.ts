// A list loaded from the API with loading/error/saving state; admin screens share it.
import { signal, type ReadonlySignal, type Signal } from '@preact/signals';
import { errorMessage } from '../api/client.js';

export function createRemoteList<T>(fetchList: () => Promise<T[] | undefined>) {
  const items = signal<T[]>([]);
  const loading = signal(true);
  const error = signal<string | null>(null);
  const saving = signal(false);
  const saveError = signal<string | null>(null);

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

  async function change(action: () => Promise<unknown>, failure: Signal<string | null>): Promise<boolean> {
    saving.value = true;
    failure.value = null;
    try {
      await action();
      await load();
      return true;
    } catch (err) {
      failure.value = errorMessage(err);
      return false;
    } finally {
      saving.value = false;
    }
  }

  return {
    items,
    load,
    /** Runs a change, then reloads; false (with `error` set) when it failed. */
    run: (action: () => Promise<unknown>) => change(action, error),
    /** The same for a form's submit: a failure goes to `saveError`, next to the form, and `error` stays. */
    save: (action: () => Promise<unknown>) => change(action, saveError),
    /** Writable for models whose other actions report into the same places. */
    error,
    saveError,
    state: {
      loading: loading as ReadonlySignal<boolean>,
      error: error as ReadonlySignal<string | null>,
      saving: saving as ReadonlySignal<boolean>,
    },
  };
}
