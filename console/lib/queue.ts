// Pure queue logic: ordering, tab filtering and applying live events to the list.
import type { AgentHandoffNotice, QueueChanged } from '../../protocol/agent-socket.js';
import type { ChatMessage, ConversationDetail, ConversationStatus, ConversationSummary } from '../api/types.js';

export type QueueTab = 'queued' | 'mine' | 'bot' | 'resolved';

export const QUEUE_TABS: ReadonlyArray<{ id: QueueTab; label: string; status: ConversationStatus }> = [
  { id: 'queued', label: 'Queued', status: 'queued' },
  { id: 'mine', label: 'Mine', status: 'assigned' },
  { id: 'bot', label: 'Bot', status: 'bot' },
  { id: 'resolved', label: 'Resolved', status: 'resolved' },
];

export function statusForTab(tab: QueueTab): ConversationStatus {
  return QUEUE_TABS.find((t) => t.id === tab)?.status ?? 'queued';
}

/** The visitor has been waiting for a human since the handoff, not since the chat began. */
export function waitStartedAt(c: ConversationSummary): string {
  return c.handoff?.createdAt ?? c.handedOffAt ?? c.createdAt;
}

export function waitingSeconds(c: ConversationSummary, now: number): number {
  const started = Date.parse(waitStartedAt(c));
  return Number.isFinite(started) ? Math.max(0, Math.floor((now - started) / 1000)) : 0;
}

function time(iso: string): number {
  const t = Date.parse(iso);
  return Number.isFinite(t) ? t : Number.POSITIVE_INFINITY;
}

/**
 * The order agents are served in: the server's effective priority (priority plus points for time
 * waited) when it sent one, then whoever has waited longest; id keeps the order stable.
 */
export function compareQueue(a: ConversationSummary, b: ConversationSummary): number {
  return (
    (b.effectivePriority ?? b.priority) - (a.effectivePriority ?? a.priority) ||
    time(waitStartedAt(a)) - time(waitStartedAt(b)) ||
    (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)
  );
}

export function sortQueue(list: readonly ConversationSummary[]): ConversationSummary[] {
  return [...list].sort(compareQueue);
}

/** Rows for one tab. Resolved work is history, so it reads newest first instead. */
export function rowsForTab(
  list: readonly ConversationSummary[],
  tab: QueueTab,
  meId: string | null,
): ConversationSummary[] {
  const status = statusForTab(tab);
  const rows = list.filter((c) => c.status === status && (tab !== 'mine' || c.assignee?.id === meId));
  if (tab === 'resolved') return rows.sort((a, b) => time(b.updatedAt) - time(a.updatedAt));
  return rows.sort(compareQueue);
}

export function countForTab(list: readonly ConversationSummary[], tab: QueueTab, meId: string | null): number {
  const status = statusForTab(tab);
  return list.filter((c) => c.status === status && (tab !== 'mine' || c.assignee?.id === meId)).length;
}

function replaceById(list: readonly ConversationSummary[], next: ConversationSummary): ConversationSummary[] {
  const i = list.findIndex((c) => c.id === next.id);
  if (i < 0) return [...list, next];
  const copy = [...list];
  copy[i] = next;
  return copy;
}

/** A fresh page for one status replaces every row we held with that status. */
export function replaceStatus(
  list: readonly ConversationSummary[],
  status: ConversationStatus,
  fresh: readonly ConversationSummary[],
): ConversationSummary[] {
  const freshIds = new Set(fresh.map((c) => c.id));
  return [...list.filter((c) => c.status !== status && !freshIds.has(c.id)), ...fresh];
}

export function upsertSummary(list: readonly ConversationSummary[], next: ConversationSummary): ConversationSummary[] {
  return replaceById(list, next);
}

/** A live handoff notice becomes (or refreshes) a queued row without a round trip. */
export function applyHandoff(
  list: readonly ConversationSummary[],
  h: AgentHandoffNotice,
  nowIso: string,
): ConversationSummary[] {
  const prev = list.find((c) => c.id === h.conversationId);
  const handoff = {
    reason: h.reason,
    intent: h.intent,
    priority: h.priority,
    sentiment: h.sentiment,
    createdAt: prev?.handoff?.createdAt ?? nowIso,
  };
  return replaceById(list, {
    id: h.conversationId,
    status: 'queued',
    priority: h.priority,
    visitor: { ...prev?.visitor, ...h.visitor },
    page: h.page ? { url: h.page.url, title: h.page.title ?? '' } : (prev?.page ?? null),
    assignee: null,
    handoff,
    lastMessage: prev?.lastMessage ?? null,
    createdAt: prev?.createdAt ?? nowIso,
    updatedAt: nowIso,
  });
}

export function applyStatusChange(
  list: readonly ConversationSummary[],
  change: QueueChanged,
  me: { id: string; name: string } | null,
  nowIso: string,
): ConversationSummary[] {
  const i = list.findIndex((c) => c.id === change.conversationId);
  if (i < 0) return [...list];
  const prev = list[i]!;
  const assignee =
    change.assigneeId === null
      ? null
      : change.assigneeId === prev.assignee?.id
        ? prev.assignee
        : change.assigneeId === me?.id
          ? { id: me.id, name: me.name }
          : { id: change.assigneeId, name: '' };
  const copy = [...list];
  copy[i] = { ...prev, status: change.status as ConversationStatus, assignee, updatedAt: nowIso };
  return copy;
}

export function applyMessage(list: readonly ConversationSummary[], m: ChatMessage): ConversationSummary[] {
  const i = list.findIndex((c) => c.id === m.conversationId);
  if (i < 0) return [...list];
  const prev = list[i]!;
  if (prev.lastMessage && time(prev.lastMessage.createdAt) > time(m.createdAt)) return [...list];
  const copy = [...list];
  // The row shows the last thing a person or the AI said; system notices ("Maya joined") are not it.
  if (m.role === 'system' && prev.lastMessage && prev.lastMessage.role !== 'system') {
    copy[i] = { ...prev, updatedAt: m.createdAt };
    return copy;
  }
  copy[i] = { ...prev, lastMessage: { text: m.text, role: m.role, createdAt: m.createdAt }, updatedAt: m.createdAt };
  return copy;
}

/** The detail endpoint carries everything a row needs, so it doubles as "refresh one row". */
export function summaryFromDetail(d: ConversationDetail): ConversationSummary {
  const last = [...d.messages].reverse().find((m) => m.role !== 'system') ?? d.messages[d.messages.length - 1];
  const first = d.messages[0];
  const createdAt = d.createdAt ?? first?.createdAt ?? new Date(0).toISOString();
  return {
    id: d.id,
    status: d.status,
    priority: d.priority ?? d.handoff?.priority ?? 0,
    visitor: d.visitor,
    page: d.page,
    assignee: d.assignee ?? null,
    handoff: d.handoff
      ? {
          reason: d.handoff.reason,
          intent: d.handoff.intent,
          priority: d.handoff.priority,
          sentiment: d.handoff.sentiment,
          createdAt: d.handoff.createdAt,
        }
      : null,
    lastMessage: last ? { text: last.text, role: last.role, createdAt: last.createdAt } : null,
    createdAt,
    updatedAt: d.updatedAt ?? last?.createdAt ?? createdAt,
  };
}

/** Keeps a selection index inside the list after it shrinks or grows. */
export function clampIndex(index: number, length: number): number {
  if (length === 0) return -1;
  return Math.min(Math.max(index, 0), length - 1);
}

export function moveIndex(index: number, delta: number, length: number): number {
  if (length === 0) return -1;
  if (index < 0) return delta > 0 ? 0 : length - 1;
  return clampIndex(index + delta, length);
}
