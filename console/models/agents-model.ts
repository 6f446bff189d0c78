// Admin view of the team: who can take conversations, and adding people.
import { createModel, signal, type ReadonlySignal } from '@preact/signals';
import { errorMessage, type ApiClient } from '../api/client.js';
import type { Agent, AgentPatch, NewAgent } from '../api/types.js';

export const AgentsModel = createModel((api: ApiClient) => {
  const agents = signal<Agent[]>([]);
  const loading = signal(true);
  const error = signal<string | null>(null);
  const saving = signal(false);
  const saveError = signal<string | null>(null);

  async function load() {
    loading.value = true;
    try {
      agents.value = (await api.listAgents()).agents ?? [];
      error.value = null;
    } catch (err) {
      error.value = errorMessage(err);
    } finally {
      loading.value = false;
    }
  }

  void load();

  return {
    agents: agents as ReadonlySignal<Agent[]>,
    loading: loading as ReadonlySignal<boolean>,
    error: error as ReadonlySignal<string | null>,
    saving: saving as ReadonlySignal<boolean>,
    saveError: saveError as ReadonlySignal<string | null>,
    reload: load,
    /** Resolves true when saved. */
    async update(id: string, patch: AgentPatch): Promise<boolean> {
      saving.value = true;
      saveError.value = null;
      try {
        await api.updateAgent(id, patch);
        await load();
        return true;
      } catch (err) {
        saveError.value = errorMessage(err);
        return false;
      } finally {
        saving.value = false;
      }
    },
    clearSaveError() {
      saveError.value = null;
    },
    async add(agent: NewAgent): Promise<boolean> {
      saving.value = true;
      saveError.value = null;
      try {
        await api.createAgent(agent);
        await load();
        return true;
      } catch (err) {
        saveError.value = errorMessage(err);
        return false;
      } finally {
        saving.value = false;
      }
    },
  };
});

export type Agents = InstanceType<typeof AgentsModel>;
