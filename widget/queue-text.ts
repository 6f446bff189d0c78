export interface QueueState {
  position: number;
  etaSeconds: number;
}

/** The visitor-facing queue notice, e.g. "position 2 in queue, about 3 min". */
export function formatQueueStatus(q: QueueState): string {
  const position = Math.max(1, Math.round(q.position) || 1);
  const minutes = Math.max(1, Math.ceil((Number.isFinite(q.etaSeconds) ? q.etaSeconds : 0) / 60));
  return `You've been handed to our team — position ${position} in queue, about ${minutes} min`;
}
