// Admin view of the team: who can take conversations, and adding people.
import { createModel, type ReadonlySignal } from '@preact/signals';
import type { ApiClient } from '../api/client.js';
import type { Agent, AgentPatch, NewAgent } from '../api/types.js';
import { createRemoteList } from './remote-list.js';

export const AgentsModel = createModel((api: ApiClient) => {
  const list = createRemoteList(async () => (await api.listAgents()).agents);
  void list.load();

  return {
    agents: list.items as ReadonlySignal<Agent[]>,
    ...list.state,
    saveError: list.saveError as ReadonlySignal<string | null>,
    reload: list.load,
    /** Resolves true when saved. */
    update: (id: string, patch: AgentPatch): Promise<boolean> => list.save(() => api.updateAgent(id, patch)),
    clearSaveError() {
      list.saveError.value = null;
    },
    add: (agent: NewAgent): Promise<boolean> => list.save(() => api.createAgent(agent)),
  };
});

export type Agents = InstanceType<typeof AgentsModel>;
