import pino from 'pino';
import type { Config } from './config.js';
import { REDACT_PATHS, REDACTED, serializeError } from './log-redaction.js';

export type Logger = pino.Logger;

/**
 * Structured JSON logs; one logger built in main.ts and passed down. Errors are serialized
 * without the values of failed statements and sensitive keys are redacted
 * (see log-redaction.ts). `destination` defaults to stdout; tests pass one to read the lines.
 */
export function createLogger(level: Config['logLevel'], destination?: pino.DestinationStream): Logger {
  const options: pino.LoggerOptions = {
    level,
    base: { service: 'firstline' },
    timestamp: pino.stdTimeFunctions.isoTime,
    serializers: { err: serializeError, error: serializeError },
    redact: { paths: REDACT_PATHS, censor: REDACTED },
  };
  return destination ? pino(options, destination) : pino(options);
}
