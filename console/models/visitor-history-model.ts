// The visitor's other conversations (same visitor, or the same verified email), for the customer panel.
import { createModel, type ReadonlySignal } from '@preact/signals';
import type { ApiClient } from '../api/client.js';
import type { VisitorHistoryItem } from '../../protocol/http.js';
import { createRemoteList } from './remote-list.js';

export const VisitorHistoryModel = createModel((api: ApiClient, conversationId: string) => {
  const list = createRemoteList(async () => (await api.visitorHistory(conversationId)).conversations);
  void list.load();
  return {
    items: list.items as ReadonlySignal<VisitorHistoryItem[]>,
    ...list.state,
  };
});
