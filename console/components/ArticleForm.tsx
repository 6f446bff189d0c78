// Add an article to the knowledge base; the server chunks and indexes it.
import { useState } from 'preact/hooks';
import type { ArticleFormat, NewArticle } from '../api/types.js';
import { splitList } from '../lib/format.js';
import { Alert } from './Alert.js';

interface Props {
  saving: boolean;
  error: string | null;
  onSave: (a: NewArticle) => Promise<boolean>;
  /** Editing an existing article: its current fields, and the form is not a card. */
  initial?: NewArticle;
  onCancel?: () => void;
}

const EMPTY = { title: '', body: '', format: 'markdown' as ArticleFormat, url: '', pages: '', tags: '' };

export function ArticleForm({ saving, error, onSave, initial, onCancel }: Props) {
  const [f, setF] = useState(
    initial
      ? {
          title: initial.title,
          body: initial.body,
          format: initial.format,
          url: initial.url ?? '',
          pages: (initial.pages ?? []).join(', '),
          tags: (initial.tags ?? []).join(', '),
        }
      : EMPTY,
  );
  const set = (key: keyof typeof EMPTY) => (e: { currentTarget: { value: string } }) =>
    setF((prev) => ({ ...prev, [key]: e.currentTarget.value }));
  return (
    <form
      class={initial ? 'form' : 'card form'}
      aria-labelledby="article-form-title"
      onSubmit={async (e) => {
        e.preventDefault();
        const ok = await onSave({
          title: f.title.trim(),
          body: f.body,
          format: f.format,
          url: f.url.trim() || undefined,
          pages: splitList(f.pages),
          tags: splitList(f.tags),
        });
        if (ok && !initial) setF(EMPTY);
      }}
    >
      {!initial && (
        <h2 id="article-form-title" class="card-title">
          Add an article
        </h2>
      )}
      {error && <Alert>{error}</Alert>}
      <div class="form-row">
        <label class="field grow">
          <span class="field-label">Title</span>
          <input required maxLength={300} value={f.title} onInput={set('title')} />
        </label>
        <label class="field">
          <span class="field-label">Format</span>
          <select value={f.format} onChange={set('format')}>
            <option value="markdown">Markdown</option>
            <option value="html">HTML</option>
            <option value="text">Plain text</option>
          </select>
        </label>
      </div>
      <label class="field">
        <span class="field-label">Source URL (optional)</span>
        <input
          type="text"
          inputMode="url"
          placeholder="https://docs.example.com/billing/refunds"
          value={f.url}
          onInput={set('url')}
        />
      </label>
      <div class="form-row">
        <label class="field grow">
          <span class="field-label">Pages it helps on</span>
          <input
            placeholder="/billing, /settings/*"
            value={f.pages}
            onInput={set('pages')}
            aria-describedby="pages-hint"
          />
          <span id="pages-hint" class="field-hint">
            Comma-separated paths; answers on these pages rank this article higher.
          </span>
        </label>
        <label class="field grow">
          <span class="field-label">Tags</span>
          <input placeholder="billing, refunds" value={f.tags} onInput={set('tags')} />
        </label>
      </div>
      <label class="field">
        <span class="field-label">Body</span>
        <textarea
          required
          rows={12}
          class="mono"
          placeholder={'# Refunds\n\nWe refund annual plans within 30 days…'}
          value={f.body}
          onInput={set('body')}
        />
      </label>
      <div class="form-actions">
        {onCancel && (
          <button type="button" class="btn" onClick={onCancel}>
            Cancel
          </button>
        )}
        <button type="submit" class="btn btn-primary" disabled={saving} aria-busy={saving}>
          {initial ? (saving ? 'Saving…' : 'Save and re-index') : saving ? 'Adding…' : 'Add article'}
        </button>
      </div>
    </form>
  );
}
