// Pure SLA countdowns: which deadline a conversation is racing, and whether it is ok, near or missed.
import type { ConversationSummary, RoutingFields } from '../api/types.js';

export type SlaState = 'ok' | 'warning' | 'breached';
export type SlaDeadline = 'first_response' | 'resolution';

export interface SlaCountdown {
  deadline: SlaDeadline;
  dueAt: string;
  /** Seconds left; negative once overdue. */
  remainingSeconds: number;
  state: SlaState;
}

/** Same rule as the server's sweeper: warn once 20% of the window is left. */
export const WARN_AT_REMAINING_FRACTION = 0.2;

type SlaInput = RoutingFields &
  Pick<ConversationSummary, 'status'> & { handedOffAt?: string | null; handoff?: { createdAt: string } | null };

function ms(iso: string | null | undefined): number | null {
  if (!iso) return null;
  const t = Date.parse(iso);
  return Number.isFinite(t) ? t : null;
}

/**
 * The deadline that matters now: the first human reply until it happened, then resolution.
 * Resolved and bot conversations have none.
 */
export function slaCountdown(c: SlaInput, now: number, warnFraction = WARN_AT_REMAINING_FRACTION): SlaCountdown | null {
  if (c.status !== 'queued' && c.status !== 'assigned') return null;
  const firstDue = ms(c.firstResponseDueAt);
  const deadline: SlaDeadline = firstDue !== null && !c.firstHumanResponseAt ? 'first_response' : 'resolution';
  const dueIso = deadline === 'first_response' ? c.firstResponseDueAt : c.resolutionDueAt;
  const due = ms(dueIso);
  if (due === null || !dueIso) return null;
  const remaining = Math.floor((due - now) / 1000);
  const start = ms(c.handedOffAt) ?? ms(c.handoff?.createdAt);
  const window = start !== null && due > start ? due - start : null;
  let state: SlaState = 'ok';
  if (due <= now || (deadline === 'first_response' && c.slaBreachedAt)) state = 'breached';
  else if (window !== null ? due - now <= window * warnFraction : remaining <= 120) state = 'warning';
  return { deadline, dueAt: dueIso, remainingSeconds: remaining, state };
}

/** "4:05", "1h 02m", "-0:30" (overdue), short enough for a queue row. */
export function formatCountdown(seconds: number): string {
  const neg = seconds < 0;
  const s = Math.abs(Math.trunc(seconds));
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const body = h > 0 ? `${h}h ${String(m).padStart(2, '0')}m` : `${m}:${String(s % 60).padStart(2, '0')}`;
  return neg ? `-${body}` : body;
}

export function slaLabel(c: SlaCountdown): string {
  const what = c.deadline === 'first_response' ? 'First reply' : 'Resolution';
  if (c.state === 'breached') return `${what} overdue by ${formatCountdown(-c.remainingSeconds)}`;
  return `${what} due in ${formatCountdown(c.remainingSeconds)}`;
}

/** Seconds left on a routing offer, never below zero. */
export function offerSecondsLeft(expiresAt: string | null | undefined, now: number): number {
  const t = ms(expiresAt);
  return t === null ? 0 : Math.max(0, Math.ceil((t - now) / 1000));
}
