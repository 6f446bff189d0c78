/**
 * The visitor-side limits, per key and window, and the `RATE_LIMITS` setting that overrides them.
 * Defaults are set well above what a real visitor does (README, "Limits"), so only floods hit them.
 */
export interface LimitRule {
  points: number;
  seconds: number;
}

export const DEFAULT_LIMITS = {
  /** New visitor sockets per address: page loads, tabs and reconnects (the widget backs off 1-10 s). */
  'connect.address': { points: 60, seconds: 60 },
  /** Messages per conversation, across all its sockets: a fast typist sends a line every few seconds. */
  'message.conversation': { points: 20, seconds: 60 },
  /** Messages per address: offices and carrier NAT share one, so only a ceiling against floods. */
  'message.address': { points: 120, seconds: 60 },
  /** New conversations per address: a person starts one; a busy office rarely one a minute. */
  'conversation.address': { points: 10, seconds: 600 },
  /** "Continue by email" per conversation: once, maybe a typo fixed. */
  'contact.conversation': { points: 5, seconds: 600 },
  /** Replays after a reconnect, per conversation. */
  'sync.conversation': { points: 30, seconds: 60 },
  /** Route changes per conversation; one over the limit is dropped (each message carries its page anyway). */
  'page.conversation': { points: 60, seconds: 60 },
  /** Ratings per conversation: one after each resolution. */
  'csat.conversation': { points: 5, seconds: 600 },
  /** "Did this help?" per conversation: one click per answer. */
  'feedback.conversation': { points: 30, seconds: 60 },
  /** File uploads per conversation: a few screenshots at once (the count per conversation is capped too). */
  'attachment.conversation': { points: 10, seconds: 60 },
  /** File uploads per address: a ceiling against floods, as for messages. */
  'attachment.address': { points: 60, seconds: 600 },
} as const satisfies Record<string, LimitRule>;

export type LimitName = keyof typeof DEFAULT_LIMITS;
export const LIMIT_NAMES = Object.keys(DEFAULT_LIMITS) as LimitName[];

export type RateLimitSettings =
  | { readonly enabled: false }
  | { readonly enabled: true; readonly rules: Readonly<Record<LimitName, LimitRule>> };

/**
 * `RATE_LIMITS`: `on` (the default limits), `off` (none: load tests and benchmarks only), or
 * overrides `name=points/seconds,...` on top of the defaults, e.g. `message.conversation=40/60`.
 * Throws with the offending part.
 */
export function parseRateLimits(value: string | undefined): RateLimitSettings {
  const v = (value ?? 'on').trim();
  if (v === 'off' || v === '0' || v === 'false') return { enabled: false };
  const rules: Record<LimitName, LimitRule> = { ...DEFAULT_LIMITS };
  if (v === '' || v === 'on' || v === '1' || v === 'true') return { enabled: true, rules };
  for (const part of v
    .split(',')
    .map((p) => p.trim())
    .filter(Boolean)) {
    const m = /^([a-z.]+)=(\d+)\/(\d+)$/.exec(part);
    if (!m) throw new Error(`"${part}" is not name=points/seconds (or use on / off)`);
    const name = m[1] as LimitName;
    if (!(name in DEFAULT_LIMITS)) throw new Error(`unknown limit "${m[1]}"; known: ${LIMIT_NAMES.join(', ')}`);
    const points = Number(m[2]);
    const seconds = Number(m[3]);
    if (points < 1 || seconds < 1) throw new Error(`"${part}": points and seconds must be at least 1`);
    rules[name] = { points, seconds };
  }
  return { enabled: true, rules };
}
