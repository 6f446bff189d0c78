// The customer's earlier conversations, each a link with its date, status and first question.
import { useModel } from '@preact/signals';
import type { ApiClient } from '../api/client.js';
import { formatDate } from '../lib/format.js';
import { hrefFor } from '../lib/router.js';
import { VisitorHistoryModel } from '../models/visitor-history-model.js';
import { Link } from './Link.js';

const STATUS: Record<string, string> = {
  bot: 'with the AI',
  queued: 'waiting',
  assigned: 'open',
  resolved: 'resolved',
};

export function VisitorHistoryPanel({ api, conversationId }: { api: ApiClient; conversationId: string }) {
  const model = useModel(() => new VisitorHistoryModel(api, conversationId));
  const items = model.items.value;
  return (
    <section class="panel" aria-labelledby="history-title" data-testid="visitor-history">
      <h2 id="history-title" class="panel-title">
        Earlier conversations{items.length > 0 ? ` (${items.length})` : ''}
      </h2>
      {model.error.value ? (
        <p class="muted">Could not load them: {model.error.value}</p>
      ) : model.loading.value ? (
        <p class="muted">Loading…</p>
      ) : items.length === 0 ? (
        <p class="muted">This is their first conversation with us (same browser or the same verified email).</p>
      ) : (
        <ul class="history-list">
          {items.map((c) => (
            <li key={c.id} class="history-item">
              <Link href={hrefFor({ name: 'conversation', id: c.id })} data-testid="history-link">
                <span class="history-head">
                  <time dateTime={c.createdAt}>{formatDate(c.createdAt)}</time>
                  <span class={`chip status-${c.status}`}>{STATUS[c.status] ?? c.status}</span>
                </span>
                <p class="history-question">{c.firstQuestion ?? <span class="muted">No question asked</span>}</p>
              </Link>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
