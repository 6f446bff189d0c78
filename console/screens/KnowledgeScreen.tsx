// Admin: the articles the AI answers from, adding new ones, and trying questions against them.
import { useModel } from '@preact/signals';
import { useState } from 'preact/hooks';
import { useSignedIn } from '../app-context.js';
import { Alert } from '../components/Alert.js';
import { ArticleForm } from '../components/ArticleForm.js';
import { ConfirmDialog } from '../components/ConfirmDialog.js';
import { SearchPlayground } from '../components/SearchPlayground.js';
import { Spinner } from '../components/Spinner.js';
import { useDocumentTitle } from '../hooks/use-document-title.js';
import { formatDateTime, safeHref } from '../lib/format.js';
import { KnowledgeModel } from '../models/knowledge-model.js';
import type { Article } from '../api/types.js';

export function KnowledgeScreen() {
  const { api } = useSignedIn();
  const kb = useModel(() => new KnowledgeModel(api));
  const [toDelete, setToDelete] = useState<Article | null>(null);
  useDocumentTitle('Knowledge · Firstline');
  const articles = kb.articles.value;

  return (
    <div class="page">
      <div class="page-head">
        <h1>Knowledge</h1>
        <span class="muted">{articles.length} articles</span>
      </div>
      {kb.error.value && <Alert>{kb.error.value}</Alert>}
      <section class="card" aria-labelledby="articles-title">
        <h2 id="articles-title" class="card-title">
          Articles
        </h2>
        {kb.loading.value && articles.length === 0 ? (
          <Spinner label="Loading articles" />
        ) : articles.length === 0 ? (
          <div class="empty-state">
            <h3>No articles yet</h3>
            <p class="muted">Add one below; the AI can only answer from what is here.</p>
          </div>
        ) : (
          <div class="table-wrap">
            <table class="table">
              <thead>
                <tr>
                  <th scope="col">Title</th>
                  <th scope="col">Pages</th>
                  <th scope="col">Tags</th>
                  <th scope="col" class="num">
                    Chunks
                  </th>
                  <th scope="col">Updated</th>
                  <th scope="col">
                    <span class="sr-only">Actions</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {articles.map((a) => {
                  const href = safeHref(a.url);
                  return (
                    <tr key={a.id}>
                      <th scope="row">
                        {href ? (
                          <a href={href} target="_blank" rel="noopener noreferrer">
                            {a.title}
                          </a>
                        ) : (
                          a.title
                        )}
                      </th>
                      <td class="small">{a.pages?.join(', ') || <span class="muted">all</span>}</td>
                      <td>
                        {a.tags?.map((t) => (
                          <span key={t} class="chip">
                            {t}
                          </span>
                        ))}
                      </td>
                      <td class="num">{a.chunks}</td>
                      <td class="small">{formatDateTime(a.updatedAt)}</td>
                      <td class="actions">
                        <button
                          type="button"
                          class="btn btn-small btn-danger-ghost"
                          aria-label={`Delete ${a.title}`}
                          disabled={kb.deleting.value === a.id}
                          onClick={() => setToDelete(a)}
                        >
                          Delete
                        </button>
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
        )}
      </section>
      <div class="grid-2">
        <ArticleForm saving={kb.saving.value} error={kb.saveError.value} onSave={kb.add} />
        <SearchPlayground
          result={kb.search.value}
          searching={kb.searching.value}
          error={kb.searchError.value}
          onSearch={kb.runSearch}
        />
      </div>
      {toDelete && (
        <ConfirmDialog
          title={`Delete “${toDelete.title}”?`}
          confirmLabel="Delete article"
          danger
          onCancel={() => setToDelete(null)}
          onConfirm={() => {
            const id = toDelete.id;
            setToDelete(null);
            void kb.remove(id);
          }}
        >
          The AI stops using it right away. This cannot be undone.
        </ConfirmDialog>
      )}
    </div>
  );
}
