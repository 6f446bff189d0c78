import pino from 'pino';

export const REDACTED = '[redacted]';

/**
 * Keys whose values never reach a log line, wherever they appear in a logged object or error:
 * credentials, and the personal data a support chat carries (emails, names, message text).
 */
const SENSITIVE_KEYS = new Set([
  'password',
  'passwordhash',
  'password_hash',
  'newpassword',
  'currentpassword',
  'token',
  'accesstoken',
  'refreshtoken',
  'authorization',
  'cookie',
  'secret',
  'apikey',
  'api_key',
  'email',
  'text',
  'body',
  'userhash',
]);

/**
 * Fields database drivers put on errors that hold the values of the failed statement:
 * PGlite's `params`, node-postgres' `parameters`/`values` on some paths, and the server's
 * `detail` ("Key (email)=(...) already exists", "Failing row contains (...)"). The SQLSTATE
 * `code`, `constraint`, `table`, `column` and the parameterised `query` text stay: they are
 * what an operator needs and carry no values.
 */
const VALUE_FIELDS = ['params', 'parameters', 'values', 'queryOptions', 'detail'];

/** pino `redact` paths for top-level and one-level-nested sensitive keys in ordinary log objects. */
export const REDACT_PATHS = [...SENSITIVE_KEYS]
  .flatMap((k) => [k, `*.${k}`])
  .concat(['req.headers.authorization', 'req.headers.cookie']);

/** PostgreSQL messages that quote the rejected input, e.g. `invalid input syntax for type uuid: "..."`. */
const QUOTED_INPUT =
  /((?:invalid input (?:syntax|value)[^:\n]*|malformed [^:\n]*literal|invalid byte sequence[^:\n]*): )"(?:[^"\\\n]|\\.)*"/g;

/** The `err` serializer: pino's standard one, minus statement values and sensitive keys. */
export function serializeError(err: unknown): unknown {
  return scrub(pino.stdSerializers.err(err as Error), 0, new WeakSet());
}

/** A redacted copy (never mutates: the error may still be rendered or rethrown). */
function scrub(value: unknown, depth: number, seen: WeakSet<object>): unknown {
  if (typeof value === 'string') return value.replace(QUOTED_INPUT, `$1"${REDACTED}"`);
  if (typeof value !== 'object' || value === null) return value;
  if (seen.has(value) || depth > 8) return '[omitted]';
  seen.add(value);
  if (Array.isArray(value)) return value.map((v) => scrub(v, depth + 1, seen));
  const out: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(value)) {
    if (VALUE_FIELDS.includes(key)) continue;
    out[key] = SENSITIVE_KEYS.has(key.toLowerCase()) ? REDACTED : scrub(v, depth + 1, seen);
  }
  return out;
}
