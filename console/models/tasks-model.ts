// Admin: open escalation tasks (breached SLAs, nobody online, ...) that need a person to act.
import { createModel, effect, signal, type ReadonlySignal } from '@preact/signals';
import { errorMessage, type ApiClient } from '../api/client.js';
import type { EscalationTask } from '../api/types.js';
import type { Realtime } from './realtime-model.js';

export const TasksModel = createModel(({ api, realtime }: { api: ApiClient; realtime: Realtime }) => {
  const tasks = signal<EscalationTask[]>([]);
  const error = signal<string | null>(null);

  async function load() {
    try {
      tasks.value = (await api.listEscalationTasks()).tasks ?? [];
      error.value = null;
    } catch (err) {
      error.value = errorMessage(err);
    }
  }
  // New alerts usually mean a new task; refresh then instead of polling.
  effect(() => realtime.on('notification', () => void load()));
  void load();

  return {
    tasks: tasks as ReadonlySignal<EscalationTask[]>,
    error: error as ReadonlySignal<string | null>,
    reload: load,
  };
});

export type Tasks = InstanceType<typeof TasksModel>;
