/**
 * Handoff priority, 0..100: one documented formula so queue order is explainable.
 *   severity (0-3) x 10          intent severity from its definition
 * + urgent signal        25      security, legal, churn
 * + negative sentiment   0-15    15 x max(0, -smoothed sentiment)
 * + tier                 0-15    enterprise 15, business 10, pro 5
 * + account value        0-15    log10(value) x 3, capped
 * This is stored at handoff (`conversations.priority`). The queue is served by the effective
 * priority, which adds time waited when the queue is read:
 * + waited               0-30    1 point per minute since handoff (continuous), capped at 30
 * so a chat that waited N minutes longer overtakes one up to N points above it (at most 30).
 * Ties go to whoever was handed off first, then to the lower id. `queueScore` and
 * `queueScoreSql` are the same formula in integer units (1/60000 point), exact in both places.
 */
export interface PriorityInput {
  severity: number;
  urgent: boolean;
  sentiment: number;
  plan?: string;
  accountValue?: number;
}

const TIER_POINTS: Record<string, number> = { enterprise: 15, business: 10, pro: 5, team: 5 };

export function handoffPriority(p: PriorityInput): number {
  const severity = Math.max(0, Math.min(3, p.severity)) * 10;
  const urgent = p.urgent ? 25 : 0;
  const mood = 15 * Math.max(0, -p.sentiment);
  const tier = TIER_POINTS[(p.plan ?? '').toLowerCase()] ?? 0;
  const value = p.accountValue && p.accountValue > 1 ? Math.min(15, Math.log10(p.accountValue) * 3) : 0;
  return Math.round(Math.min(100, severity + urgent + mood + tier + value));
}

/** Points added per minute waited in the queue (an integer, so scores stay exact). */
export const WAIT_POINTS_PER_MINUTE = 1;
/** The most points waiting can add. */
export const MAX_WAIT_POINTS = 30;
const UNITS_PER_POINT = 60_000; // one point per minute = one unit per millisecond

/** Queue order key in integer units: stored priority plus waiting points, capped. Higher is served first. */
export function queueScore(priority: number, handedOffAtMs: number, nowMs: number): number {
  const waited = Math.min(
    MAX_WAIT_POINTS * UNITS_PER_POINT,
    WAIT_POINTS_PER_MINUTE * Math.max(0, nowMs - handedOffAtMs),
  );
  return priority * UNITS_PER_POINT + waited;
}

/** The effective priority shown with queued conversations: stored priority plus waiting points. */
export function effectivePriority(priority: number, handedOffAt: Date | string | null, now: Date): number {
  if (handedOffAt === null) return priority;
  return scoreToPriority(queueScore(priority, new Date(handedOffAt).getTime(), now.getTime()));
}

export function scoreToPriority(score: number): number {
  return Number(score) / UNITS_PER_POINT;
}

export interface QueuedForOrder {
  id: string;
  priority: number;
  handedOffAt: Date | string;
}

/** Service order of queued conversations, exactly as `queueOrderSql` sorts them. */
export function compareQueued(a: QueuedForOrder, b: QueuedForOrder, now: Date): number {
  const at = new Date(a.handedOffAt).getTime();
  const bt = new Date(b.handedOffAt).getTime();
  const n = now.getTime();
  return (
    queueScore(b.priority, bt, n) - queueScore(a.priority, at, n) || at - bt || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)
  );
}

/** `handed_off_at` in epoch milliseconds, as a JavaScript Date holds it. */
const handedOffMsSql = (t: string) => `floor(extract(epoch from ${t}handed_off_at) * 1000)::bigint`;

/**
 * `queueScore` as SQL. `nowMs` is the placeholder of a parameter holding the clock in epoch
 * milliseconds (e.g. `$2` bound to `clock().getTime()`); `t` a table prefix such as `c.`.
 */
export function queueScoreSql(nowMs: string, t = ''): string {
  return (
    `(${t}priority::bigint * ${UNITS_PER_POINT} + LEAST(${MAX_WAIT_POINTS * UNITS_PER_POINT}::bigint, ` +
    `${WAIT_POINTS_PER_MINUTE}::bigint * GREATEST(0::bigint, ${nowMs}::bigint - ${handedOffMsSql(t)})))`
  );
}

/** The ORDER BY list that serves queued conversations: the same order as `compareQueued`. */
export function queueOrderSql(nowMs: string, t = ''): string {
  return `${queueScoreSql(nowMs, t)} DESC, ${handedOffMsSql(t)} ASC, ${t}id COLLATE "C" ASC`;
}
