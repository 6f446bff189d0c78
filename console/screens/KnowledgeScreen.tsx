// Admin: the articles the AI answers from (search, upload, view, edit, delete, re-index), a
// playground showing what the AI would answer, and the questions it could not answer (gaps).
import { useModel } from '@preact/signals';
import { useState } from 'preact/hooks';
import { useSignedIn } from '../app-context.js';
import { Alert } from '../components/Alert.js';
import { ArticleForm } from '../components/ArticleForm.js';
import { ConfirmDialog } from '../components/ConfirmDialog.js';
import { CalibrationPanel } from '../components/CalibrationPanel.js';
import { GapsPanel } from '../components/GapsPanel.js';
import { Modal } from '../components/Modal.js';
import { SearchPlayground } from '../components/SearchPlayground.js';
import { Spinner } from '../components/Spinner.js';
import { EmptyState } from '../components/EmptyState.js';
import { focusField } from '../lib/focus-field.js';
import { UploadPanel } from '../components/UploadPanel.js';
import { useDocumentTitle } from '../hooks/use-document-title.js';
import { formatDateTime, safeHref } from '../lib/format.js';
import { KnowledgeModel } from '../models/knowledge-model.js';
import type { Article } from '../api/types.js';

type Tab = 'articles' | 'gaps' | 'confidence';

export function KnowledgeScreen() {
  const { api } = useSignedIn();
  const kb = useModel(() => new KnowledgeModel(api));
  const [toDelete, setToDelete] = useState<Article | null>(null);
  const [filter, setFilter] = useState('');
  const [tab, setTab] = useState<Tab>('articles');
  useDocumentTitle('Knowledge · Firstline');
  const articles = kb.articles.value;
  const needle = filter.trim().toLowerCase();
  const shown = needle
    ? articles.filter((a) =>
        [a.title, a.url ?? '', ...(a.pages ?? []), ...(a.tags ?? [])].some((s) => s.toLowerCase().includes(needle)),
      )
    : articles;
  const editing = kb.editing.value;
  const showTab = (t: Tab) => {
    setTab(t);
    if (t === 'gaps') void kb.loadGaps();
    if (t === 'confidence') void kb.loadCalibration();
  };

  return (
    <div class="page">
      <div class="page-head">
        <h1>Knowledge</h1>
        <span class="muted">{articles.length} articles</span>
      </div>
      <div class="tabs" role="tablist" aria-label="Knowledge">
        {(['articles', 'gaps', 'confidence'] as const).map((t) => (
          <button
            key={t}
            type="button"
            role="tab"
            id={`kb-tab-${t}`}
            class={`tab ${tab === t ? 'is-active' : ''}`}
            aria-selected={tab === t}
            aria-controls="kb-panel"
            tabIndex={tab === t ? 0 : -1}
            onClick={() => showTab(t)}
          >
            {t === 'articles' ? 'Articles' : t === 'gaps' ? 'Gaps' : 'Confidence'}
          </button>
        ))}
      </div>
      {kb.error.value && <Alert>{kb.error.value}</Alert>}
      {kb.notice.value && (
        <p class="chip chip-ok" role="status">
          {kb.notice.value}
        </p>
      )}
      <div id="kb-panel" role="tabpanel" aria-labelledby={`kb-tab-${tab}`}>
        {tab === 'gaps' ? (
          <GapsPanel groups={kb.gaps.value} error={kb.gapsError.value} onRefresh={() => void kb.loadGaps()} />
        ) : tab === 'confidence' ? (
          <CalibrationPanel
            status={kb.calibration.value}
            error={kb.calibrationError.value}
            onTarget={(t) => void kb.setCalibrationTarget(t)}
            onRecalibrate={() => void kb.recalibrate()}
          />
        ) : (
          <>
            <section class="card" aria-labelledby="articles-title">
              <div class="page-head">
                <h2 id="articles-title" class="card-title">
                  Articles
                </h2>
                <input
                  type="search"
                  aria-label="Filter articles"
                  placeholder="Filter by title, page or tag"
                  value={filter}
                  onInput={(e) => setFilter(e.currentTarget.value)}
                />
                <button
                  type="button"
                  class="btn btn-small"
                  disabled={kb.reindexing.value}
                  aria-busy={kb.reindexing.value}
                  onClick={() => void kb.reindexAll()}
                >
                  {kb.reindexing.value ? 'Re-indexing…' : 'Re-index all'}
                </button>
              </div>
              {kb.loading.value && articles.length === 0 ? (
                <Spinner label="Loading articles" />
              ) : shown.length === 0 ? (
                articles.length ? (
                  <EmptyState
                    icon="⌕"
                    title="No article matches"
                    hint="Try another filter."
                    action={{ label: 'Clear the filter', onClick: () => setFilter('') }}
                    testId="knowledge-no-match"
                  />
                ) : (
                  <EmptyState
                    icon="+"
                    title="No articles yet"
                    hint={
                      'The AI answers only from what is here, ' +
                      'so until you add articles every question goes to your team. ' +
                      'Upload your help center (Markdown, HTML, text or PDF) or write an article below.'
                    }
                    action={{ label: 'Upload files', onClick: () => focusField('input[type="file"]') }}
                    testId="knowledge-empty"
                  />
                )
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
                      {shown.map((a) => {
                        const href = safeHref(a.url);
                        return (
                          <tr key={a.id} data-testid="article-row">
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
                                class="btn btn-small"
                                aria-label={`Edit ${a.title}`}
                                onClick={() => void kb.open(a.id)}
                              >
                                Edit
                              </button>{' '}
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
              <UploadPanel
                uploading={kb.uploading.value}
                progress={kb.uploadProgress.value}
                results={kb.uploadResults.value}
                error={kb.uploadError.value}
                onUpload={(files) => void kb.upload(files)}
              />
              <SearchPlayground
                result={kb.search.value}
                preview={kb.preview.value}
                searching={kb.searching.value}
                error={kb.searchError.value}
                onSearch={kb.runSearch}
              />
            </div>
            <ArticleForm
              saving={kb.saving.value && !editing}
              error={editing ? null : kb.saveError.value}
              onSave={kb.add}
            />
          </>
        )}
      </div>
      {editing && (
        <Modal title={editing.title} onClose={kb.close} class="modal-wide">
          <ArticleForm
            key={editing.id}
            initial={{
              title: editing.title,
              body: editing.body,
              format: editing.format,
              url: editing.url ?? undefined,
              pages: editing.pages,
              tags: editing.tags,
            }}
            saving={kb.saving.value}
            error={kb.saveError.value}
            onSave={(a) => kb.save(editing.id, a)}
            onCancel={kb.close}
          />
        </Modal>
      )}
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
