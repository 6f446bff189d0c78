// Conversation search: the query, its pages of results, and the state of the request in flight.
import { createModel, signal, type ReadonlySignal } from '@preact/signals';
import { errorMessage, type ApiClient } from '../api/client.js';
import type { ConversationSearchHit } from '../../protocol/http.js';

export const SearchModel = createModel((api: ApiClient) => {
  const query = signal('');
  const results = signal<ConversationSearchHit[]>([]);
  const nextOffset = signal<number | null>(null);
  const loading = signal(false);
  const error = signal<string | null>(null);
  /** The query the results are for (null: nothing searched yet). */
  const searched = signal<string | null>(null);
  let seq = 0;

  async function fetchPage(q: string, offset: number) {
    const mine = ++seq;
    loading.value = true;
    error.value = null;
    try {
      const res = await api.searchConversations(q, offset);
      if (mine !== seq) return;
      results.value = offset === 0 ? res.results : [...results.value, ...res.results];
      nextOffset.value = res.nextOffset;
      searched.value = q;
    } catch (err) {
      if (mine === seq) error.value = errorMessage(err);
    } finally {
      if (mine === seq) loading.value = false;
    }
  }

  return {
    query: query as ReadonlySignal<string>,
    results: results as ReadonlySignal<ConversationSearchHit[]>,
    nextOffset: nextOffset as ReadonlySignal<number | null>,
    loading: loading as ReadonlySignal<boolean>,
    error: error as ReadonlySignal<string | null>,
    searched: searched as ReadonlySignal<string | null>,
    setQuery(q: string) {
      query.value = q;
    },
    /** Searches for the current query; under 2 characters there is nothing to ask the server. */
    run() {
      const q = query.value.trim();
      if (q.length < 2) {
        error.value = q ? 'Type at least 2 characters.' : null;
        return Promise.resolve();
      }
      return fetchPage(q, 0);
    },
    more() {
      const q = searched.value;
      const at = nextOffset.value;
      return q && at !== null ? fetchPage(q, at) : Promise.resolve();
    },
  };
});
