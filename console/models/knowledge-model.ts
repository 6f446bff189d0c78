// Admin view of the knowledge base: articles, ingestion and a retrieval playground.
import { createModel, signal, type ReadonlySignal } from '@preact/signals';
import { errorMessage, type ApiClient } from '../api/client.js';
import type { Article, NewArticle, SearchResponse } from '../api/types.js';

export const KnowledgeModel = createModel((api: ApiClient) => {
  const articles = signal<Article[]>([]);
  const loading = signal(true);
  const error = signal<string | null>(null);
  const saving = signal(false);
  const saveError = signal<string | null>(null);
  const deleting = signal<string | null>(null);
  const search = signal<SearchResponse | null>(null);
  const searching = signal(false);
  const searchError = signal<string | null>(null);

  async function load() {
    loading.value = true;
    try {
      articles.value = (await api.listArticles()).articles ?? [];
      error.value = null;
    } catch (err) {
      error.value = errorMessage(err);
    } finally {
      loading.value = false;
    }
  }

  void load();

  return {
    articles: articles as ReadonlySignal<Article[]>,
    loading: loading as ReadonlySignal<boolean>,
    error: error as ReadonlySignal<string | null>,
    saving: saving as ReadonlySignal<boolean>,
    saveError: saveError as ReadonlySignal<string | null>,
    deleting: deleting as ReadonlySignal<string | null>,
    search: search as ReadonlySignal<SearchResponse | null>,
    searching: searching as ReadonlySignal<boolean>,
    searchError: searchError as ReadonlySignal<string | null>,
    reload: load,
    /** Resolves true when saved, so the form knows to clear itself. */
    async add(article: NewArticle): Promise<boolean> {
      saving.value = true;
      saveError.value = null;
      try {
        await api.createArticle(article);
        await load();
        return true;
      } catch (err) {
        saveError.value = errorMessage(err);
        return false;
      } finally {
        saving.value = false;
      }
    },
    async remove(id: string) {
      deleting.value = id;
      error.value = null;
      try {
        await api.deleteArticle(id);
        articles.value = articles.value.filter((a) => a.id !== id);
      } catch (err) {
        error.value = errorMessage(err);
      } finally {
        deleting.value = null;
      }
    },
    async runSearch(query: string, pageUrl: string, k: number) {
      if (!query.trim()) return;
      searching.value = true;
      searchError.value = null;
      try {
        search.value = await api.search(query.trim(), pageUrl.trim() || undefined, k);
      } catch (err) {
        searchError.value = errorMessage(err);
        search.value = null;
      } finally {
        searching.value = false;
      }
    },
  };
});

export type Knowledge = InstanceType<typeof KnowledgeModel>;
