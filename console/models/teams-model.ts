// Teams: named groups of agents with skills; transfers and routing target them.
import { createModel, type ReadonlySignal } from '@preact/signals';
import type { ApiClient } from '../api/client.js';
import type { OfficeHours, Team } from '../api/types.js';
import { createRemoteList } from './remote-list.js';

export const TeamsModel = createModel((api: ApiClient) => {
  const list = createRemoteList(async () => (await api.listTeams()).teams);
  void list.load();

  return {
    teams: list.items as ReadonlySignal<Team[]>,
    ...list.state,
    reload: list.load,
    add: (t: { name: string; skills: string[] }) => list.run(() => api.createTeam(t)),
    update: (id: string, t: { name: string; skills: string[] }) => list.run(() => api.updateTeam(id, t)),
    remove: (id: string) => list.run(() => api.deleteTeam(id)),
    setOfficeHours: (id: string, hours: OfficeHours | null) => list.run(() => api.setOfficeHours(id, hours)),
  };
});

export type Teams = InstanceType<typeof TeamsModel>;
