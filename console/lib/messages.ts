// Pure transcript merging: a message can arrive from the REST load, the socket echo and our own ack,
// in any order, and must show exactly once.
import type { ScoredMessage, TranscriptMessage } from '../api/types.js';

export const PENDING_PREFIX = 'pending:';

function sameMessage(a: TranscriptMessage, b: ScoredMessage): boolean {
  return a.id === b.id || (!!a.clientMessageId && a.clientMessageId === b.clientMessageId);
}

function byTime(a: TranscriptMessage, b: TranscriptMessage): number {
  // Ours still in flight stay at the bottom, in the order they were typed.
  if (!!a.pending !== !!b.pending) return a.pending ? 1 : -1;
  const ta = Date.parse(a.createdAt);
  const tb = Date.parse(b.createdAt);
  if (Number.isFinite(ta) && Number.isFinite(tb) && ta !== tb) return ta - tb;
  return 0;
}

/**
 * Adds stored messages, replacing a pending twin (same id or clientMessageId); stable for equal times.
 * A socket copy has no sentiment, so a score already known for the message is kept.
 */
export function mergeMessages(
  current: readonly TranscriptMessage[],
  incoming: readonly ScoredMessage[],
): TranscriptMessage[] {
  const out = [...current];
  for (const m of incoming) {
    const i = out.findIndex((x) => sameMessage(x, m));
    if (i >= 0) {
      const prev = out[i]!;
      const sentiment = m.sentiment ?? prev.sentiment;
      out[i] = {
        ...m,
        clientMessageId: m.clientMessageId ?? prev.clientMessageId,
        ...(sentiment ? { sentiment } : {}),
      };
    } else {
      out.push(m);
    }
  }
  return out
    .map((m, i) => [m, i] as const)
    .sort(([a, ia], [b, ib]) => byTime(a, b) || ia - ib)
    .map(([m]) => m);
}

export function pendingMessage(
  conversationId: string,
  clientMessageId: string,
  text: string,
  authorName: string,
  nowIso: string,
): TranscriptMessage {
  return {
    id: PENDING_PREFIX + clientMessageId,
    conversationId,
    clientMessageId,
    role: 'agent',
    text,
    authorName,
    createdAt: nowIso,
    pending: true,
  };
}

/** The ack gives the stored id; if the echo already delivered it, the pending copy just goes away. */
export function confirmPending(
  list: readonly TranscriptMessage[],
  clientMessageId: string,
  id: string,
): TranscriptMessage[] {
  const echoed = list.some((m) => m.id === id && !m.pending);
  if (echoed) return list.filter((m) => !(m.pending && m.clientMessageId === clientMessageId));
  return list.map((m) =>
    m.pending && m.clientMessageId === clientMessageId ? { ...m, id, pending: false, failed: undefined } : m,
  );
}

export function failPending(
  list: readonly TranscriptMessage[],
  clientMessageId: string,
  error: string,
): TranscriptMessage[] {
  return list.map((m) => (m.pending && m.clientMessageId === clientMessageId ? { ...m, failed: error } : m));
}

export function retryPending(list: readonly TranscriptMessage[], clientMessageId: string): TranscriptMessage[] {
  return list.map((m) => (m.pending && m.clientMessageId === clientMessageId ? { ...m, failed: undefined } : m));
}
