import { z } from 'zod';
import { passwordProblem } from './auth/password-policy.js';
import { parseTrustProxy, type TrustProxy } from './limits/client-address.js';
import { parseRateLimits, type RateLimitSettings } from './limits/limit-settings.js';

const flag = z
  .enum(['0', '1', 'true', 'false', 'yes', 'no'])
  .transform((v) => v === '1' || v === 'true' || v === 'yes');
const optionalString = z
  .string()
  .optional()
  .transform((v) => (v === undefined || v.trim() === '' ? undefined : v.trim()));

const EnvSchema = z
  .object({
    PORT: z.coerce.number().int().min(0).max(65535).default(3000),
    HOST: z.string().default('0.0.0.0'),
    DATA_DIR: z.string().default('./data'),
    PGLITE_SHARED_BUFFERS_MB: z.coerce.number().int().min(1).max(4096).default(16),
    PGLITE_THREAD: z.enum(['worker', 'main']).default('worker'),
    DATABASE_URL: optionalString,
    REDIS_URL: optionalString,
    OPENAI_API_KEY: optionalString,
    OPENAI_BASE_URL: optionalString,
    OPENAI_CHAT_MODEL: z.string().default('gpt-4o-mini'),
    OPENAI_EMBEDDING_MODEL: optionalString,
    /** The chat model reads images: a visitor's screenshots go with the question. */
    OPENAI_VISION: flag.default(false),
    OPENAI_TIMEOUT_MS: z.coerce.number().int().min(100).max(120_000).default(15_000),
    ADMIN_EMAIL: z.string().email().default('admin@firstline.local'),
    // Not trimmed: spaces may be part of a password, and a whitespace-only one is refused below.
    ADMIN_PASSWORD: z
      .string()
      .optional()
      .transform((v) => (v === '' ? undefined : v)),
    SEED_DEMO: flag.default(true),
    WEBHOOK_URL: optionalString,
    WEBHOOK_SECRET: optionalString,
    WEBHOOK_CONCURRENCY: z.coerce.number().int().min(1).max(256).default(16),
    WEBHOOK_TIMEOUT_MS: z.coerce.number().int().min(500).max(60_000).default(10_000),
    WEBHOOK_BACKLOG_WARN: z.coerce.number().int().min(1).default(1000),
    WEBHOOK_LAG_WARN_SECONDS: z.coerce.number().min(1).default(30),
    LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
    AUTH_SECRET: optionalString,
    TOKEN_TTL_HOURS: z.coerce
      .number()
      .positive()
      .max(24 * 90)
      .default(12),
    ALLOWED_ORIGINS: optionalString,
    ROUTING_MODE: z.enum(['offer', 'auto']).default('offer'),
    OFFER_SECONDS: z.coerce.number().int().min(5).max(3600).default(60),
    RESPONSE_TIMEOUT_SECONDS: z.coerce.number().int().min(10).max(86_400).default(180),
    GENERALIST_AFTER_SECONDS: z.coerce.number().int().min(0).max(86_400).default(120),
    PRESENCE_GRACE_SECONDS: z.coerce.number().int().min(5).max(3600).default(60),
    SWEEP_INTERVAL_MS: z.coerce.number().int().min(100).max(600_000).default(5000),
    TURN_LEASE_SECONDS: z.coerce.number().int().min(3).max(3600).default(3),
    TURN_SWEEP_MS: z.coerce.number().int().min(100).max(600_000).default(1000),
    TURN_STALE_SECONDS: z.coerce.number().int().min(10).max(86_400).default(600),
    TURNS_IN_FLIGHT: z.coerce.number().int().min(1).max(10_000).default(32),
    TURN_QUEUE: z.coerce.number().int().min(0).max(1_000_000).default(1000),
    PAGERDUTY_ROUTING_KEY: optionalString,
    PAGERDUTY_EVENTS_URL: z.string().url().default('https://events.pagerduty.com/v2/enqueue'),
    LINEAR_API_KEY: optionalString,
    LINEAR_API_URL: z.string().url().default('https://api.linear.app/graphql'),
    LINEAR_TEAM_ID: optionalString,
    LINEAR_WEBHOOK_SECRET: optionalString,
    LOGIN_MAX_FAILURES_PER_ACCOUNT: z.coerce.number().int().min(1).max(1000).default(5),
    LOGIN_MAX_FAILURES_PER_ADDRESS: z.coerce.number().int().min(1).max(100_000).default(50),
    LOGIN_FAILURE_WINDOW_SECONDS: z.coerce.number().int().min(1).max(86_400).default(900),
    LOGIN_BLOCK_SECONDS: z.coerce.number().int().min(1).max(86_400).default(60),
    LOGIN_MAX_BLOCK_SECONDS: z.coerce
      .number()
      .int()
      .min(1)
      .max(7 * 86_400)
      .default(3600),
    IDENTITY_SECRET: optionalString.refine(
      (v) => v === undefined || v.length >= 16,
      'use at least 16 characters (e.g. `openssl rand -hex 32`)',
    ),
    ATTACHMENT_MAX_MB: z.coerce.number().positive().max(100).default(10),
    ATTACHMENTS_PER_CONVERSATION: z.coerce.number().int().min(0).max(1000).default(20),
    RATE_LIMITS: z.string().optional().transform(fromParser(parseRateLimits)),
    RATE_LIMIT_PREFIX: z.string().default('firstline:limit:'),
    CLUSTER_CHANNEL: z.string().min(1).max(100).default('socket.io'),
    TRUST_PROXY: z.string().optional().transform(fromParser(parseTrustProxy)),
  })
  .superRefine((e, ctx) => {
    // Checked here so a weak ADMIN_PASSWORD stops the start with a clear message, before anything runs.
    const problem = e.ADMIN_PASSWORD ? passwordProblem(e.ADMIN_PASSWORD, [e.ADMIN_EMAIL, 'Admin']) : null;
    if (problem)
      ctx.addIssue({
        code: 'custom',
        path: ['ADMIN_PASSWORD'],
        message: `${problem} Unset it to have a strong one generated and printed once.`,
      });
  });

/** A parser that throws with a readable message, as a zod transform that reports it as an issue. */
function fromParser<T>(parse: (v: string | undefined) => T) {
  return (v: string | undefined, ctx: z.RefinementCtx): T => {
    try {
      return parse(v);
    } catch (err) {
      ctx.addIssue({ code: 'custom', message: err instanceof Error ? err.message : String(err) });
      return z.NEVER;
    }
  };
}

export interface Config {
  readonly port: number;
  readonly host: string;
  readonly dataDir: string;
  /** The embedded database's buffer pool (PostgreSQL's `shared_buffers`), in MB: most of its idle memory. */
  readonly pgliteSharedBuffersMb: number;
  /**
   * `worker`: the embedded database runs on its own thread, so its queries never stall sockets and /healthz; `main`: on
   * the server's thread.
   */
  readonly pgliteThread: 'worker' | 'main';
  readonly databaseUrl?: string;
  readonly redisUrl?: string;
  readonly openai?: {
    readonly apiKey: string;
    readonly baseURL?: string;
    readonly chatModel: string;
    readonly embeddingModel?: string;
    readonly timeoutMs: number;
    /** OPENAI_VISION: the model is sent the images a visitor attached to the question it answers. */
    readonly readsImages: boolean;
  };
  readonly adminEmail: string;
  readonly adminPassword?: string;
  readonly seedDemo: boolean;
  readonly webhook?: { readonly url: string; readonly secret?: string };
  /** The outbox worker (webhooks, PagerDuty pages), whether or not WEBHOOK_URL is set. */
  readonly webhookDelivery: {
    /** Deliveries in flight at once on this node. */
    readonly concurrency: number;
    /** Per request. */
    readonly timeoutMs: number;
    /**
     * Warn (at most once a minute) when more deliveries than this are due, or the oldest has waited longer than
     * lagWarnSeconds.
     */
    readonly backlogWarn: number;
    readonly lagWarnSeconds: number;
  };
  readonly logLevel: z.infer<typeof EnvSchema>['LOG_LEVEL'];
  /** Signs auth and visitor tokens. Unset: a random secret is created once and kept in the database. */
  readonly authSecret?: string;
  readonly tokenTtlSeconds: number;
  /**
   * Origins allowed to open sockets / call the API from a browser; unset means same origin and any embedding page for
   * the visitor side.
   */
  readonly allowedOrigins?: readonly string[];
  readonly routing: {
    readonly mode: 'offer' | 'auto';
    readonly offerSeconds: number;
    readonly responseTimeoutSeconds: number;
    readonly generalistAfterSeconds: number;
  };
  readonly presenceGraceSeconds: number;
  /** How often the sweepers (routing, SLA, presence, webhooks, intent changes from other processes) run. */
  readonly sweepIntervalMs: number;
  /**
   * How often each node looks for visitor messages a dead node left unanswered (with a short lease: recovery in
   * seconds).
   */
  readonly turnSweepMs: number;
  /**
   * Visitor messages whose node died before answering: after leaseSeconds another node runs them; older than
   * staleSeconds, a person gets them.
   */
  readonly turns: { readonly leaseSeconds: number; readonly staleSeconds: number };
  /**
   * AI turns this node runs at once (TURNS_IN_FLIGHT) and lets wait for a slot (TURN_QUEUE); past
   * both, a turn stays pending in the database until the turn sweep finds room for it.
   */
  readonly turnAdmission: { readonly maxInFlight: number; readonly maxQueued: number };
  readonly pagerduty?: { readonly routingKey: string; readonly url: string };
  readonly linear?: { readonly apiKey: string; readonly url: string; readonly teamId?: string };
  /** Verifies Linear's webhook (issue marked done -> tell affected customers). */
  readonly linearWebhookSecret?: string;
  /** Failed sign-ins allowed per account and per address within the window; then locks with doubling backoff. */
  readonly loginThrottle: {
    readonly maxFailuresPerAccount: number;
    readonly maxFailuresPerAddress: number;
    readonly windowSeconds: number;
    readonly blockSeconds: number;
    readonly maxBlockSeconds: number;
  };
  /**
   * Verifies visitor identities from the host app: `userHash` = hex HMAC-SHA256(secret, id), or
   * an HS256 JWT signed with it. Unset: every identity is unverified.
   */
  readonly identitySecret?: string;
  /** Visitor-side rate limits (on by default; `RATE_LIMITS=off` only for load tests). */
  readonly rateLimits: RateLimitSettings;
  /** Visitors' files: bytes per file (ATTACHMENT_MAX_MB) and files per conversation (0: attachments off). */
  readonly attachments: { readonly maxBytes: number; readonly maxPerConversation: number };
  /** Key prefix of the rate-limit counters (in Redis when REDIS_URL is set). */
  readonly rateLimitPrefix: string;
  /**
   * Redis channel prefix of the socket.io adapter: the nodes of one cluster share it, other installs on the same Redis
   * do not.
   */
  readonly clusterChannel: string;
  /** Which proxies may name the client address in X-Forwarded-For. */
  readonly trustProxy: TrustProxy;
}

export class ConfigError extends Error {
  override name = 'ConfigError';
}

/** Parses the environment once; every other module receives the frozen result. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = EnvSchema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`);
  }
  const e = parsed.data;
  return Object.freeze({
    port: e.PORT,
    host: e.HOST,
    dataDir: e.DATA_DIR,
    pgliteSharedBuffersMb: e.PGLITE_SHARED_BUFFERS_MB,
    pgliteThread: e.PGLITE_THREAD,
    databaseUrl: e.DATABASE_URL,
    redisUrl: e.REDIS_URL,
    openai: e.OPENAI_API_KEY
      ? Object.freeze({
          apiKey: e.OPENAI_API_KEY,
          baseURL: e.OPENAI_BASE_URL,
          chatModel: e.OPENAI_CHAT_MODEL,
          embeddingModel: e.OPENAI_EMBEDDING_MODEL,
          timeoutMs: e.OPENAI_TIMEOUT_MS,
          readsImages: e.OPENAI_VISION,
        })
      : undefined,
    adminEmail: e.ADMIN_EMAIL,
    adminPassword: e.ADMIN_PASSWORD,
    seedDemo: e.SEED_DEMO,
    webhook: e.WEBHOOK_URL ? Object.freeze({ url: e.WEBHOOK_URL, secret: e.WEBHOOK_SECRET }) : undefined,
    webhookDelivery: Object.freeze({
      concurrency: e.WEBHOOK_CONCURRENCY,
      timeoutMs: e.WEBHOOK_TIMEOUT_MS,
      backlogWarn: e.WEBHOOK_BACKLOG_WARN,
      lagWarnSeconds: e.WEBHOOK_LAG_WARN_SECONDS,
    }),
    logLevel: e.LOG_LEVEL,
    authSecret: e.AUTH_SECRET,
    tokenTtlSeconds: Math.round(e.TOKEN_TTL_HOURS * 3600),
    allowedOrigins: e.ALLOWED_ORIGINS?.split(',')
      .map((s) => s.trim())
      .filter(Boolean),
    routing: Object.freeze({
      mode: e.ROUTING_MODE,
      offerSeconds: e.OFFER_SECONDS,
      responseTimeoutSeconds: e.RESPONSE_TIMEOUT_SECONDS,
      generalistAfterSeconds: e.GENERALIST_AFTER_SECONDS,
    }),
    presenceGraceSeconds: e.PRESENCE_GRACE_SECONDS,
    sweepIntervalMs: e.SWEEP_INTERVAL_MS,
    turnSweepMs: e.TURN_SWEEP_MS,
    turns: Object.freeze({ leaseSeconds: e.TURN_LEASE_SECONDS, staleSeconds: e.TURN_STALE_SECONDS }),
    turnAdmission: Object.freeze({ maxInFlight: e.TURNS_IN_FLIGHT, maxQueued: e.TURN_QUEUE }),
    pagerduty: e.PAGERDUTY_ROUTING_KEY
      ? Object.freeze({ routingKey: e.PAGERDUTY_ROUTING_KEY, url: e.PAGERDUTY_EVENTS_URL })
      : undefined,
    linear: e.LINEAR_API_KEY
      ? Object.freeze({ apiKey: e.LINEAR_API_KEY, url: e.LINEAR_API_URL, teamId: e.LINEAR_TEAM_ID })
      : undefined,
    linearWebhookSecret: e.LINEAR_WEBHOOK_SECRET,
    loginThrottle: Object.freeze({
      maxFailuresPerAccount: e.LOGIN_MAX_FAILURES_PER_ACCOUNT,
      maxFailuresPerAddress: e.LOGIN_MAX_FAILURES_PER_ADDRESS,
      windowSeconds: e.LOGIN_FAILURE_WINDOW_SECONDS,
      blockSeconds: e.LOGIN_BLOCK_SECONDS,
      maxBlockSeconds: e.LOGIN_MAX_BLOCK_SECONDS,
    }),
    identitySecret: e.IDENTITY_SECRET,
    rateLimits: e.RATE_LIMITS,
    attachments: Object.freeze({
      maxBytes: Math.round(e.ATTACHMENT_MAX_MB * 1024 * 1024),
      maxPerConversation: e.ATTACHMENTS_PER_CONVERSATION,
    }),
    rateLimitPrefix: e.RATE_LIMIT_PREFIX,
    clusterChannel: e.CLUSTER_CHANNEL,
    trustProxy: e.TRUST_PROXY,
  });
}
