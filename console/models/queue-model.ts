// The live queue: rows per status from the API, kept current by socket events.
import { computed, createModel, effect, signal, untracked, type ReadonlySignal } from '@preact/signals';
import { errorMessage, type ApiClient } from '../api/client.js';
import type { ConversationStatus, ConversationSummary, User } from '../api/types.js';
import {
  applyHandoff,
  applyMessage,
  applyStatusChange,
  clampIndex,
  countForTab,
  moveIndex,
  replaceStatus,
  rowsForTab,
  statusForTab,
  summaryFromDetail,
  upsertSummary,
  type QueueTab,
} from '../lib/queue.js';
import { filterQueue, NO_FILTERS, type QueueFilters } from '../lib/queue-filters.js';
import type { QueueChanged } from '../../protocol/agent-socket.js';
import type { Realtime } from './realtime-model.js';

export interface QueueOptions {
  api: ApiClient;
  realtime: Realtime;
  me: User;
  /** How often waiting times tick; a minute-level display needs no more. */
  tickMs?: number;
}

export const QueueModel = createModel(({ api, realtime, me, tickMs = 15_000 }: QueueOptions) => {
  const all = signal<ConversationSummary[]>([]);
  const tab = signal<QueueTab>('queued');
  const loading = signal(false);
  const error = signal<string | null>(null);
  const selectedId = signal<string | null>(null);
  const now = signal(Date.now());
  const filters = signal<QueueFilters>(NO_FILTERS);
  let loadSeq = 0;

  const rows = computed(() => filterQueue(rowsForTab(all.value, tab.value, me.id), filters.value));
  /** Every row of the tab before filtering, so the filter menus can list what is there. */
  const tabRows = computed(() => rowsForTab(all.value, tab.value, me.id));
  const selectedIndex = computed(() => rows.value.findIndex((c) => c.id === selectedId.value));
  const counts = computed(() => ({
    queued: countForTab(all.value, 'queued', me.id),
    mine: countForTab(all.value, 'mine', me.id),
  }));

  async function load(status: ConversationStatus) {
    const seq = ++loadSeq;
    loading.value = true;
    try {
      const res = await api.listConversations(status);
      all.value = replaceStatus(all.value, status, res.conversations ?? []);
      if (seq === loadSeq) error.value = null;
    } catch (err) {
      if (seq === loadSeq) error.value = errorMessage(err);
    } finally {
      if (seq === loadSeq) loading.value = false;
    }
  }

  async function refreshRow(conversationId: string) {
    try {
      all.value = upsertSummary(all.value, summaryFromDetail(await api.getConversation(conversationId)));
    } catch (err) {
      console.warn('[console] could not refresh conversation', conversationId, err);
    }
  }

  function refreshAll() {
    const current = statusForTab(tab.value);
    // The queued count shows on every tab, so queued is always kept fresh.
    const statuses = new Set<ConversationStatus>(['queued', 'assigned', current]);
    return Promise.all([...statuses].map((s) => load(s)));
  }

  function applyUpdate(change: QueueChanged) {
    const prev = all.value.find((c) => c.id === change.conversationId);
    all.value = applyStatusChange(all.value, change, me, new Date().toISOString());
    // Fetch the row only when we lack something to show: a new queued or mine row, or an assignee's name.
    const wanted = change.status === 'queued' || (change.status === 'assigned' && change.assigneeId === me.id);
    const nameless =
      !!prev && change.assigneeId !== null && change.assigneeId !== me.id && change.assigneeId !== prev.assignee?.id;
    if ((!prev && wanted) || nameless) void refreshRow(change.conversationId);
  }

  effect(() =>
    realtime.on('handoff', (h) => {
      all.value = applyHandoff(all.value, h, new Date().toISOString());
    }),
  );
  effect(() =>
    realtime.on('message', (m) => {
      all.value = applyMessage(all.value, m);
    }),
  );
  effect(() => realtime.on('conversation:updated', (c) => applyUpdate(c)));
  // After a reconnect the socket may have missed events: reload what is on screen.
  effect(() => {
    if (realtime.connects.value > 1) untracked(() => void refreshAll());
  });
  effect(() => {
    const timer = setInterval(() => {
      now.value = Date.now();
    }, tickMs);
    return () => clearInterval(timer);
  });

  void refreshAll();

  function select(index: number) {
    const list = rows.value;
    const i = clampIndex(index, list.length);
    selectedId.value = i >= 0 ? (list[i]?.id ?? null) : null;
  }

  return {
    rows,
    tabRows,
    filters: filters as ReadonlySignal<QueueFilters>,
    setFilters(next: QueueFilters) {
      filters.value = next;
    },
    tab: tab as ReadonlySignal<QueueTab>,
    counts,
    loading: loading as ReadonlySignal<boolean>,
    error: error as ReadonlySignal<string | null>,
    selectedId: selectedId as ReadonlySignal<string | null>,
    selectedIndex,
    now: now as ReadonlySignal<number>,
    setTab(next: QueueTab) {
      if (tab.value === next) return;
      tab.value = next;
      selectedId.value = null;
      void load(statusForTab(next));
    },
    refresh: refreshAll,
    select,
    selectId(id: string | null) {
      selectedId.value = id;
    },
    move(delta: number) {
      select(moveIndex(selectedIndex.value, delta, rows.value.length));
    },
    applyUpdate,
  };
});

export type Queue = InstanceType<typeof QueueModel>;
