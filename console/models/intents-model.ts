// Admin: the intents the AI recognises. Every save retrains the server's classifier before answering.
import { createModel, signal, type ReadonlySignal } from '@preact/signals';
import { errorMessage, type ApiClient } from '../api/client.js';
import type { Intent, IntentInput } from '../api/types.js';

export const IntentsModel = createModel((api: ApiClient) => {
  const intents = signal<Intent[]>([]);
  const loading = signal(true);
  const error = signal<string | null>(null);
  const busy = signal(false);
  const actionError = signal<string | null>(null);
  const notice = signal<string | null>(null);

  async function load() {
    loading.value = true;
    try {
      intents.value = (await api.listIntents()).intents ?? [];
      error.value = null;
    } catch (err) {
      error.value = errorMessage(err);
    } finally {
      loading.value = false;
    }
  }

  /** Runs one change; on success reloads the list and shows `done`. */
  async function act(run: () => Promise<unknown>, done: string): Promise<boolean> {
    busy.value = true;
    actionError.value = null;
    notice.value = null;
    try {
      await run();
      await load();
      notice.value = done;
      return true;
    } catch (err) {
      actionError.value = errorMessage(err);
      return false;
    } finally {
      busy.value = false;
    }
  }

  void load();

  return {
    intents: intents as ReadonlySignal<Intent[]>,
    loading: loading as ReadonlySignal<boolean>,
    error: error as ReadonlySignal<string | null>,
    busy: busy as ReadonlySignal<boolean>,
    actionError: actionError as ReadonlySignal<string | null>,
    notice: notice as ReadonlySignal<string | null>,
    reload: load,
    /** Creates when `original` is null, otherwise updates that intent. */
    save(original: string | null, input: IntentInput): Promise<boolean> {
      const { name, ...rest } = input;
      return original === null
        ? act(() => api.createIntent(input), `Created “${name}”; the classifier was retrained.`)
        : act(() => api.updateIntent(original, rest), `Saved “${original}”; the classifier was retrained.`);
    },
    remove(name: string): Promise<boolean> {
      return act(() => api.deleteIntent(name), `Deleted “${name}”.`);
    },
    importJsonl(text: string, replace: boolean): Promise<boolean> {
      return act(
        () => api.importIntents(text, replace),
        replace ? 'Imported; intents not in the file were removed.' : 'Imported.',
      );
    },
    /** The whole set as JSON lines, for download. */
    async exportJsonl(): Promise<string | null> {
      actionError.value = null;
      try {
        return await api.exportIntents();
      } catch (err) {
        actionError.value = errorMessage(err);
        return null;
      }
    },
  };
});

export type Intents = InstanceType<typeof IntentsModel>;
