import { z } from 'zod';

const flag = z
  .enum(['0', '1', 'true', 'false', 'yes', 'no'])
  .transform((v) => v === '1' || v === 'true' || v === 'yes');
const optionalString = z
  .string()
  .optional()
  .transform((v) => (v === undefined || v.trim() === '' ? undefined : v.trim()));

const EnvSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default('0.0.0.0'),
  DATA_DIR: z.string().default('./data'),
  DATABASE_URL: optionalString,
  REDIS_URL: optionalString,
  OPENAI_API_KEY: optionalString,
  OPENAI_BASE_URL: optionalString,
  OPENAI_CHAT_MODEL: z.string().default('gpt-4o-mini'),
  OPENAI_EMBEDDING_MODEL: optionalString,
  OPENAI_TIMEOUT_MS: z.coerce.number().int().min(100).max(120_000).default(15_000),
  ADMIN_EMAIL: z.string().email().default('admin@firstline.local'),
  ADMIN_PASSWORD: optionalString,
  SEED_DEMO: flag.default(true),
  WEBHOOK_URL: optionalString,
  WEBHOOK_SECRET: optionalString,
  WEBHOOK_CONCURRENCY: z.coerce.number().int().min(1).max(256).default(16),
  WEBHOOK_TIMEOUT_MS: z.coerce.number().int().min(500).max(60_000).default(10_000),
  WEBHOOK_BACKLOG_WARN: z.coerce.number().int().min(1).default(1000),
  WEBHOOK_LAG_WARN_SECONDS: z.coerce.number().min(1).default(30),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  AUTH_SECRET: optionalString,
  TOKEN_TTL_HOURS: z.coerce.number().positive().max(24 * 90).default(12),
  ALLOWED_ORIGINS: optionalString,
  ROUTING_MODE: z.enum(['offer', 'auto']).default('offer'),
  OFFER_SECONDS: z.coerce.number().int().min(5).max(3600).default(60),
  RESPONSE_TIMEOUT_SECONDS: z.coerce.number().int().min(10).max(86_400).default(180),
  GENERALIST_AFTER_SECONDS: z.coerce.number().int().min(0).max(86_400).default(120),
  PRESENCE_GRACE_SECONDS: z.coerce.number().int().min(5).max(3600).default(60),
  SWEEP_INTERVAL_MS: z.coerce.number().int().min(100).max(600_000).default(5000),
  TURN_LEASE_SECONDS: z.coerce.number().int().min(3).max(3600).default(30),
  TURN_STALE_SECONDS: z.coerce.number().int().min(10).max(86_400).default(600),
  PAGERDUTY_ROUTING_KEY: optionalString,
  PAGERDUTY_EVENTS_URL: z.string().url().default('https://events.pagerduty.com/v2/enqueue'),
  LINEAR_API_KEY: optionalString,
  LINEAR_API_URL: z.string().url().default('https://api.linear.app/graphql'),
  LINEAR_TEAM_ID: optionalString,
  LINEAR_WEBHOOK_SECRET: optionalString,
});

export interface Config {
  readonly port: number;
  readonly host: string;
  readonly dataDir: string;
  readonly databaseUrl?: string;
  readonly redisUrl?: string;
  readonly openai?: {
    readonly apiKey: string;
    readonly baseURL?: string;
    readonly chatModel: string;
    readonly embeddingModel?: string;
    readonly timeoutMs: number;
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
    /** Warn (at most once a minute) when more deliveries than this are due, or the oldest has waited longer than lagWarnSeconds. */
    readonly backlogWarn: number;
    readonly lagWarnSeconds: number;
  };
  readonly logLevel: z.infer<typeof EnvSchema>['LOG_LEVEL'];
  /** Signs auth and visitor tokens. Unset: a random secret is created once and kept in the database. */
  readonly authSecret?: string;
  readonly tokenTtlSeconds: number;
  /** Origins allowed to open sockets / call the API from a browser; unset means same origin and any embedding page for the visitor side. */
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
  /** Visitor messages whose node died before answering: after leaseSeconds another node runs them; older than staleSeconds, a person gets them. */
  readonly turns: { readonly leaseSeconds: number; readonly staleSeconds: number };
  readonly pagerduty?: { readonly routingKey: string; readonly url: string };
  readonly linear?: { readonly apiKey: string; readonly url: string; readonly teamId?: string };
  /** Verifies Linear's webhook (issue marked done -> tell affected customers). */
  readonly linearWebhookSecret?: string;
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
    databaseUrl: e.DATABASE_URL,
    redisUrl: e.REDIS_URL,
    openai: e.OPENAI_API_KEY
      ? Object.freeze({
          apiKey: e.OPENAI_API_KEY,
          baseURL: e.OPENAI_BASE_URL,
          chatModel: e.OPENAI_CHAT_MODEL,
          embeddingModel: e.OPENAI_EMBEDDING_MODEL,
          timeoutMs: e.OPENAI_TIMEOUT_MS,
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
    allowedOrigins: e.ALLOWED_ORIGINS?.split(',').map((s) => s.trim()).filter(Boolean),
    routing: Object.freeze({
      mode: e.ROUTING_MODE,
      offerSeconds: e.OFFER_SECONDS,
      responseTimeoutSeconds: e.RESPONSE_TIMEOUT_SECONDS,
      generalistAfterSeconds: e.GENERALIST_AFTER_SECONDS,
    }),
    presenceGraceSeconds: e.PRESENCE_GRACE_SECONDS,
    sweepIntervalMs: e.SWEEP_INTERVAL_MS,
    turns: Object.freeze({ leaseSeconds: e.TURN_LEASE_SECONDS, staleSeconds: e.TURN_STALE_SECONDS }),
    pagerduty: e.PAGERDUTY_ROUTING_KEY ? Object.freeze({ routingKey: e.PAGERDUTY_ROUTING_KEY, url: e.PAGERDUTY_EVENTS_URL }) : undefined,
    linear: e.LINEAR_API_KEY ? Object.freeze({ apiKey: e.LINEAR_API_KEY, url: e.LINEAR_API_URL, teamId: e.LINEAR_TEAM_ID }) : undefined,
    linearWebhookSecret: e.LINEAR_WEBHOOK_SECRET,
  });
}
