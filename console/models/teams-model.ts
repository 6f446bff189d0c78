// Teams: named groups of agents with skills; transfers and routing target them.
import { createModel, signal, type ReadonlySignal } from '@preact/signals';
import { errorMessage, type ApiClient } from '../api/client.js';
import type { Team } from '../api/types.js';

export const TeamsModel = createModel((api: ApiClient) => {
  const teams = signal<Team[]>([]);
  const loading = signal(true);
  const error = signal<string | null>(null);
  const saving = signal(false);

  async function load() {
    loading.value = true;
    try {
      teams.value = (await api.listTeams()).teams ?? [];
      error.value = null;
    } catch (err) {
      error.value = errorMessage(err);
    } finally {
      loading.value = false;
    }
  }
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
  void load();

  return {
    teams: teams as ReadonlySignal<Team[]>,
    loading: loading as ReadonlySignal<boolean>,
    error: error as ReadonlySignal<string | null>,
    saving: saving as ReadonlySignal<boolean>,
    reload: load,
    add: (t: { name: string; skills: string[] }) => run(() => api.createTeam(t)),
    update: (id: string, t: { name: string; skills: string[] }) => run(() => api.updateTeam(id, t)),
    remove: (id: string) => run(() => api.deleteTeam(id)),
  };
});

export type Teams = InstanceType<typeof TeamsModel>;
