// Canned responses: the reply box picks from them, admins add and remove them.
import { createModel, signal, type ReadonlySignal } from '@preact/signals';
import { errorMessage, type ApiClient } from '../api/client.js';
import type { CannedResponse } from '../api/types.js';

export const CannedModel = createModel((api: ApiClient) => {
  const items = signal<CannedResponse[]>([]);
  const loading = signal(true);
  const error = signal<string | null>(null);
  const saving = signal(false);

  async function load() {
    loading.value = true;
    try {
      items.value = (await api.listCanned()).cannedResponses ?? [];
      error.value = null;
    } catch (err) {
      error.value = errorMessage(err);
    } finally {
      loading.value = false;
    }
  }
  void load();

  return {
    items: items as ReadonlySignal<CannedResponse[]>,
    loading: loading as ReadonlySignal<boolean>,
    error: error as ReadonlySignal<string | null>,
    saving: saving as ReadonlySignal<boolean>,
    reload: load,
    async add(c: { title: string; text: string; shortcut?: string }): Promise<boolean> {
      saving.value = true;
      error.value = null;
      try {
        await api.createCanned(c);
        await load();
        return true;
      } catch (err) {
        error.value = errorMessage(err);
        return false;
      } finally {
        saving.value = false;
      }
    },
    async remove(id: string | number) {
      error.value = null;
      try {
        await api.deleteCanned(id);
        items.value = items.peek().filter((c) => c.id !== id);
      } catch (err) {
        error.value = errorMessage(err);
      }
    },
  };
});

export type Canned = InstanceType<typeof CannedModel>;
