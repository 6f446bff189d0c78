// The live queue. New handoffs arrive over the socket; j/k move, Enter opens.
import { useModel } from '@preact/signals';
import { useEffect, useState } from 'preact/hooks';
import { QueueFilterBar } from '../components/QueueFilterBar.js';
import { TasksPanel } from '../components/TasksPanel.js';
import { intentOptions, NO_FILTERS } from '../lib/queue-filters.js';
import { offerSecondsLeft, slaCountdown } from '../lib/sla.js';
import { TeamsModel } from '../models/teams-model.js';
import { useSignedIn } from '../app-context.js';
import { Alert } from '../components/Alert.js';
import { EmptyState, type EmptyAction } from '../components/EmptyState.js';
import { QueueRow } from '../components/QueueRow.js';
import { QueueTabs } from '../components/QueueTabs.js';
import { Spinner } from '../components/Spinner.js';
import { useDocumentTitle } from '../hooks/use-document-title.js';
import { useShortcuts } from '../hooks/use-shortcuts.js';
import type { QueueTab } from '../lib/queue.js';
import { hrefFor } from '../lib/router.js';

const EMPTY: Record<QueueTab, { title: string; hint: string }> = {
  queued: {
    title: 'No one is waiting',
    hint:
      'New handoffs from the AI appear here as they happen, no need to refresh. ' +
      'To see one, open the demo app, ask the chat a question, then ask for a person.',
  },
  mine: { title: 'Nothing assigned to you', hint: 'Claim a conversation from the Queued tab to start helping.' },
  bot: { title: 'The AI is not talking to anyone', hint: 'Conversations the AI is handling on its own show up here.' },
  resolved: {
    title: 'Nothing resolved yet',
    hint: 'Conversations you and the AI close show up here. Older ones are one search away.',
  },
};

function focusRow(id: string | null) {
  if (!id) return;
  const el = document.querySelector<HTMLElement>(`[data-testid="queue-row"][data-conversation-id="${CSS.escape(id)}"]`);
  el?.focus();
  el?.scrollIntoView?.({ block: 'nearest' });
}

export function QueueScreen() {
  const { queue, router, api, realtime, me, offers } = useSignedIn();
  const teams = useModel(() => new TeamsModel(api));
  const [offerError, setOfferError] = useState<string | null>(null);
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
    // One key takes the conversation routing offered me (the selected one if it is offered).
    claimOffer: () => {
      const t = Date.now();
      const list = queue.rows.peek().filter((c) => offers.offerFor(c, t));
      const target = list.find((c) => c.id === queue.selectedId.peek()) ?? list[0];
      if (!target) return false;
      setOfferError(null);
      void realtime.claim(target.id).then((res) => {
        if (!res.ok) return setOfferError(res.error);
        offers.drop(target.id);
        queue.applyUpdate({ conversationId: target.id, status: 'assigned', assigneeId: me.id });
        router.navigate(hrefFor({ name: 'conversation', id: target.id }));
      });
    },
  });
  const teamList = teams.teams.value;
  const teamName = (id: string | null | undefined) => (id ? (teamList.find((t) => t.id === id)?.name ?? null) : null);

  const hidden = rows.length === 0 && queue.tabRows.value.length > 0;
  const empty = hidden
    ? { title: 'No conversations match these filters', hint: 'Clear the filters to see everything in this tab.' }
    : EMPTY[tab];
  const emptyAction: EmptyAction = hidden
    ? { label: 'Clear the filters', onClick: () => queue.setFilters(NO_FILTERS) }
    : tab === 'queued'
      ? { label: 'Open the demo app', href: '/', external: true }
      : tab === 'mine'
        ? { label: 'Show the queued tab', onClick: () => queue.setTab('queued') }
        : { label: 'Search conversations', href: hrefFor({ name: 'search' }) };
  const tabbableIndex = Math.max(
    0,
    rows.findIndex((c) => c.id === selectedId),
  );

  return (
    <div class="page">
      <div class="page-head">
        <h1>Queue</h1>
        <button type="button" class="btn btn-ghost" onClick={() => void queue.refresh()} disabled={queue.loading.value}>
          Refresh
        </button>
      </div>
      {me.role === 'admin' && <TasksPanel />}
      <QueueTabs active={tab} counts={counts} onChange={queue.setTab} panelId="queue-panel" />
      <QueueFilterBar
        filters={queue.filters.value}
        teams={teamList}
        intents={intentOptions(queue.tabRows.value)}
        onChange={queue.setFilters}
      />
      {offerError && <Alert>{offerError}</Alert>}
      <section id="queue-panel" role="tabpanel" aria-labelledby={`tab-${tab}`} class="queue-panel">
        {queue.error.value && <Alert>{queue.error.value}</Alert>}
        {rows.length === 0 ? (
          queue.loading.value ? (
            <Spinner label="Loading conversations" />
          ) : (
            <EmptyState title={empty.title} hint={empty.hint} action={emptyAction} testId="queue-empty" />
          )
        ) : (
          <>
            <p class="queue-hint muted" aria-hidden="true">
              <kbd>j</kbd>/<kbd>k</kbd> to move, <kbd>Enter</kbd> to open, <kbd>o</kbd> to claim an offer
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
                  sla={slaCountdown(c, now)}
                  offerSeconds={(() => {
                    const o = offers.offerFor(c, now);
                    return o ? offerSecondsLeft(o.expiresAt, now) : null;
                  })()}
                  teamName={teamName(c.teamId)}
                />
              ))}
            </ul>
          </>
        )}
      </section>
    </div>
  );
}
