// Canned responses: the reply box picks from them, admins add and remove them.
import { createModel, type ReadonlySignal } from '@preact/signals';
import type { ApiClient } from '../api/client.js';
import type { CannedResponse } from '../api/types.js';
import { createRemoteList } from './remote-list.js';

export const CannedModel = createModel((api: ApiClient) => {
  const list = createRemoteList(async () => (await api.listCanned()).cannedResponses);
  void list.load();

  return {
    items: list.items as ReadonlySignal<CannedResponse[]>,
    ...list.state,
    reload: list.load,
    add: (c: { title: string; text: string; shortcut?: string }) => list.run(() => api.createCanned(c)),
    remove: (id: string | number) => list.run(() => api.deleteCanned(id)),
  };
});

export type Canned = InstanceType<typeof CannedModel>;
