// Conversation search: messages, visitor names and emails. "/" focuses the box from anywhere.
import { useModel } from '@preact/signals';
import { useEffect, useRef } from 'preact/hooks';
import { useSignedIn } from '../app-context.js';
import { Alert } from '../components/Alert.js';
import { EmptyState } from '../components/EmptyState.js';
import { HighlightedText } from '../components/HighlightedText.js';
import { Link } from '../components/Link.js';
import { Spinner } from '../components/Spinner.js';
import { useDocumentTitle } from '../hooks/use-document-title.js';
import { formatDateTime } from '../lib/format.js';
import { BASE, hrefFor } from '../lib/router.js';
import { SearchModel } from '../models/search-model.js';

const FIELD: Record<string, string> = { name: 'Visitor name', email: 'Email', message: '' };
const WHO: Record<string, string> = { visitor: 'Visitor', ai: 'AI', agent: 'Agent' };
const STATUS: Record<string, string> = {
  bot: 'with the AI',
  queued: 'waiting',
  assigned: 'open',
  resolved: 'resolved',
};

/** `/console/search?q=...`: the query lives in the address, so Back from a result returns to it. */
function queryFromLocation(): string {
  return new URLSearchParams(location.search).get('q') ?? '';
}

export function SearchScreen() {
  const { api } = useSignedIn();
  const model = useModel(() => new SearchModel(api));
  const input = useRef<HTMLInputElement>(null);
  const searched = model.searched.value;
  const results = model.results.value;
  useDocumentTitle(searched ? `${searched} · Search · Firstline` : 'Search · Firstline');

  useEffect(() => {
    const q = queryFromLocation();
    if (q) {
      model.setQuery(q);
      void model.run();
    }
    input.current?.focus();
  }, []);

  return (
    <div class="page">
      <div class="page-head">
        <h1>Search conversations</h1>
        <span class="muted">
          Words from any message, a visitor's name or email. <kbd>/</kbd> brings you here.
        </span>
      </div>
      <form
        class="search-form"
        role="search"
        onSubmit={(e) => {
          e.preventDefault();
          const q = model.query.value.trim();
          history.replaceState(null, '', q ? `${BASE}/search?q=${encodeURIComponent(q)}` : `${BASE}/search`);
          void model.run();
        }}
      >
        <input
          ref={input}
          type="search"
          aria-label="Search conversations"
          placeholder="refund, dana@example.com, Priya…"
          maxLength={200}
          value={model.query.value}
          onInput={(e) => model.setQuery(e.currentTarget.value)}
        />
        <button type="submit" class="btn btn-primary" disabled={model.loading.value}>
          Search
        </button>
      </form>
      {model.error.value && <Alert>{model.error.value}</Alert>}
      {searched === null ? (
        model.loading.value ? (
          <Spinner label="Searching" />
        ) : (
          <EmptyState
            icon="⌕"
            title="Find any conversation"
            hint="Search the words a customer or agent wrote, or a visitor's name or email address."
            testId="search-start"
          />
        )
      ) : results.length === 0 ? (
        <EmptyState
          icon="⌕"
          title={`Nothing matches “${searched}”`}
          hint={
            'Try fewer or different words, part of an email address, ' +
            "or the visitor's last name. Conversations still waiting are in the queue."
          }
          action={{ label: 'Open the queue', href: hrefFor({ name: 'queue' }) }}
          testId="search-empty"
        />
      ) : (
        <section class="card" aria-label={`${results.length} results`}>
          <ul class="search-results">
            {results.map((r) => (
              <li key={r.conversationId} class="search-hit" data-testid="search-hit">
                <Link href={hrefFor({ name: 'conversation', id: r.conversationId })}>
                  <span class="search-hit-head">
                    <strong>
                      <HighlightedText
                        text={r.visitor.name || r.visitor.email || 'Anonymous visitor'}
                        query={searched}
                      />
                    </strong>
                    {r.visitor.name && r.visitor.email && (
                      <span class="muted">
                        <HighlightedText text={r.visitor.email} query={searched} />
                      </span>
                    )}
                    <span class={`chip status-${r.status}`}>{STATUS[r.status] ?? r.status}</span>
                    <span class="muted">{formatDateTime(r.match.at ?? r.updatedAt)}</span>
                  </span>
                  <p class="search-hit-text">
                    <span class="muted">
                      {r.match.field === 'message' ? `${WHO[r.match.role ?? ''] ?? ''}: ` : `${FIELD[r.match.field]}: `}
                    </span>
                    <HighlightedText text={r.match.text} query={searched} />
                  </p>
                </Link>
              </li>
            ))}
          </ul>
          {model.nextOffset.value !== null && (
            <button
              type="button"
              class="btn btn-ghost"
              disabled={model.loading.value}
              onClick={() => void model.more()}
            >
              {model.loading.value ? 'Loading…' : 'More results'}
            </button>
          )}
        </section>
      )}
    </div>
  );
}
