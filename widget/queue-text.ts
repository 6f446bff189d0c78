import { t } from './text.js';

export interface QueueState {
  position: number;
  etaSeconds: number;
  /** Agents who could answer now (from the handoff notice); 0 means nobody, so there is no wait to promise. */
  agentsOnline?: number;
  /** The team is outside its office hours until then (ISO). */
  backAt?: string;
}

/**
 * The visitor-facing queue notice, e.g. "position 2 in queue, about 3 min". With nobody online a
 * position and a wait would be untrue, so it says that instead (the email offer follows it).
 */
export function formatQueueStatus(q: QueueState): string {
  const back = q.backAt ? new Date(q.backAt) : null;
  // Outside office hours: when the team is back, in the visitor's own time zone.
  if (back && back.getTime() > 0)
    return t('backAt', { when: back.toLocaleString([], { weekday: 'long', hour: 'numeric', minute: '2-digit' }) });
  if (q.agentsOnline === 0) return t('nobody');
  const position = Math.max(1, Math.round(q.position) || 1);
  const minutes = Math.max(1, Math.ceil((Number.isFinite(q.etaSeconds) ? q.etaSeconds : 0) / 60));
  return t('queue', { position, minutes });
}
