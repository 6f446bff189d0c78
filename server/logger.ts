import pino from 'pino';
import type { Config } from './config.js';

export type Logger = pino.Logger;

/** Structured JSON logs; one logger built in main.ts and passed down. */
export function createLogger(level: Config['logLevel']): Logger {
  return pino({ level, base: { service: 'firstline' }, timestamp: pino.stdTimeFunctions.isoTime });
}
