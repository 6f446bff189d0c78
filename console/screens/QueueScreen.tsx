// The live queue. New handoffs arrive over the socket; j/k move, Enter opens.
import { useEffect } from 'preact/hooks';
import { useSignedIn } from '../app-context.js';
import { Alert } from '../components/Alert.js';
import { QueueRow } from '../components/QueueRow.js';
import { QueueTabs } from '../components/QueueTabs.js';
import { Spinner } from '../components/Spinner.js';
import { useDocumentTitle } from '../hooks/use-document-title.js';
import { useShortcuts } from '../hooks/use-shortcuts.js';
import type { QueueTab } from '../lib/queue.js';
import { hrefFor } from '../lib/router.js';

const EMPTY: Record<QueueTab, { title: string; hint: string }> = {
  queued: { title: 'No one is waiting', hint: 'New handoffs from the AI appear here as they happen, no need to refresh.' },
  mine: { title: 'Nothing assigned to you', hint: 'Claim a conversation from the Queued tab to start helping.' },
  bot: { title: 'The AI is not talking to anyone', hint: 'Conversations the AI is handling on its own show up here.' },
  resolved: { title: 'Nothing resolved yet', hint: 'Conversations you and the AI close show up here.' },
};

function focusRow(id: string | null) {
  if (!id) return;
  const el = document.querySelector<HTMLElement>(`[data-testid="queue-row"][data-conversation-id="${CSS.escape(id)}"]`);
  el?.focus();
  el?.scrollIntoView?.({ block: 'nearest' });
}

export function QueueScreen() {
  const { queue, router } = useSignedIn();
  const rows = queue.rows.value;
  const tab = queue.tab.value;
  const selectedId = queue.selectedId.value;
  const now = queue.now.value;
  const counts = queue.counts.value;
  useDocumentTitle(`${counts.queued > 0 ? `(${counts.queued}) ` : ''}Queue · Firstline`);

  // Coming back from a conversation puts focus where the agent left off.
  useEffect(() => {
    if (selectedId) focusRow(selectedId);
  }, []);

  useShortcuts('queue', {
    next: () => {
      queue.move(1);
      focusRow(queue.selectedId.peek());
    },
    prev: () => {
      queue.move(-1);
      focusRow(queue.selectedId.peek());
    },
    open: () => {
      const id = queue.selectedId.peek();
      if (!id) return false;
      router.navigate(hrefFor({ name: 'conversation', id }));
    },
  });

  const empty = EMPTY[tab];
  const tabbableIndex = Math.max(0, rows.findIndex((c) => c.id === selectedId));

  return (
    <div class="page">
      <div class="page-head">
        <h1>Queue</h1>
        <button type="button" class="btn btn-ghost" onClick={() => void queue.refresh()} disabled={queue.loading.value}>
          Refresh
        </button>
      </div>
      <QueueTabs active={tab} counts={counts} onChange={queue.setTab} panelId="queue-panel" />
      <section id="queue-panel" role="tabpanel" aria-labelledby={`tab-${tab}`} class="queue-panel">
        {queue.error.value && <Alert>{queue.error.value}</Alert>}
        {rows.length === 0 ? (
          queue.loading.value ? (
            <Spinner label="Loading conversations" />
          ) : (
            <div class="empty-state">
              <div class="empty-illustration" aria-hidden="true">
                ✓
              </div>
              <h2>{empty.title}</h2>
              <p class="muted">{empty.hint}</p>
            </div>
          )
        ) : (
          <>
            <p class="queue-hint muted" aria-hidden="true">
              <kbd>j</kbd>/<kbd>k</kbd> to move, <kbd>Enter</kbd> to open
            </p>
            <ul class="queue-list" aria-label={`${rows.length} conversations`}>
              {rows.map((c, i) => (
                <QueueRow
                  key={c.id}
                  c={c}
                  now={now}
                  selected={c.id === selectedId}
                  tabbable={i === tabbableIndex}
                  onSelect={() => queue.selectId(c.id)}
                />
              ))}
            </ul>
          </>
        )}
      </section>
    </div>
  );
}
