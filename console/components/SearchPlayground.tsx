// Ask the knowledge base what the AI would find, with scores and whether it would be confident.
import { useState } from 'preact/hooks';
import type { PreviewAnswer, SearchResponse } from '../api/types.js';
import { safeHref } from '../lib/format.js';
import { Alert } from './Alert.js';

interface Props {
  result: SearchResponse | null;
  searching: boolean;
  error: string | null;
  onSearch: (query: string, pageUrl: string, k: number) => void;
  /** What the AI would answer (composed by the server's answerer). */
  preview?: PreviewAnswer | null;
}

export function SearchPlayground({ result, searching, error, onSearch, preview }: Props) {
  const [query, setQuery] = useState('');
  const [pageUrl, setPageUrl] = useState('');
  const [k, setK] = useState(5);
  const top = result?.results.reduce((m, r) => Math.max(m, r.score), 0) || 1;
  return (
    <section class="card" aria-labelledby="search-title">
      <h2 id="search-title" class="card-title">
        Search playground
      </h2>
      <form
        class="form"
        role="search"
        onSubmit={(e) => {
          e.preventDefault();
          onSearch(query, pageUrl, k);
        }}
      >
        <label class="field">
          <span class="field-label">Question</span>
          <input
            type="search"
            required
            placeholder="How do I get a refund?"
            value={query}
            onInput={(e) => setQuery(e.currentTarget.value)}
          />
        </label>
        <div class="form-row">
          <label class="field grow">
            <span class="field-label">Page URL (optional)</span>
            <input placeholder="/billing" value={pageUrl} onInput={(e) => setPageUrl(e.currentTarget.value)} />
          </label>
          <label class="field">
            <span class="field-label">Results</span>
            <input
              type="number"
              min={1}
              max={50}
              value={k}
              onInput={(e) => setK(Math.min(50, Math.max(1, Number(e.currentTarget.value) || 5)))}
            />
          </label>
        </div>
        <div class="form-actions">
          <button type="submit" class="btn btn-primary" disabled={searching} aria-busy={searching}>
            {searching ? 'Searching…' : 'Search'}
          </button>
        </div>
      </form>
      {error && <Alert>{error}</Alert>}
      {result && (
        <div class="search-results" aria-live="polite">
          <p>
            {result.confident ? (
              <span class="chip chip-ok">Confident: the AI would answer</span>
            ) : (
              <span class="chip chip-warn">Not confident: the AI would hand off</span>
            )}{' '}
            <span class="muted">{result.results.length} results</span>
          </p>
          {preview?.answer && (
            <div class="preview-answer" data-testid="preview-answer">
              <h3 class="small">
                {preview.wouldAnswer
                  ? 'What the AI would answer'
                  : 'What the AI would have written (it hands off instead)'}{' '}
                <span class="muted">({preview.answerer})</span>
              </h3>
              <p class="result-text">{preview.answer.text}</p>
              {preview.answer.citations.length > 0 && (
                <p class="small muted">Cites: {preview.answer.citations.map((c) => c.title).join(', ')}</p>
              )}
            </div>
          )}
          <ol class="results">
            {result.results.map((r, i) => {
              const href = safeHref(r.url);
              return (
                <li key={`${r.articleId}-${i}`} class="result">
                  <div class="result-head">
                    <strong>
                      {href ? (
                        <a href={href} target="_blank" rel="noopener noreferrer">
                          {r.title}
                        </a>
                      ) : (
                        r.title
                      )}
                    </strong>
                    <span class="score" title="Relevance, higher is better">
                      <span class="score-bar" aria-hidden="true">
                        <span style={{ width: `${Math.max(2, Math.min(100, (r.score / top) * 100))}%` }} />
                      </span>
                      <span class="mono">{r.score.toFixed(3)}</span>
                    </span>
                  </div>
                  <p class="result-text">{r.text}</p>
                </li>
              );
            })}
          </ol>
        </div>
      )}
    </section>
  );
}
