import pino from 'pino';
import type { Logger } from '../../server/logger.js';

export interface LogLine {
  level: number;
  msg: string;
  [field: string]: unknown;
}

/** A real pino logger whose JSON lines land in `lines`, so tests can read what operators would see. */
export function captureLog(level: pino.LevelWithSilent = 'info'): { log: Logger; lines: LogLine[] } {
  const lines: LogLine[] = [];
  const log = pino({ level, base: { service: 'firstline' } }, { write: (line: string) => void lines.push(JSON.parse(line) as LogLine) });
  return { log, lines };
}

/** pino's numeric levels, for readable assertions. */
export const LogLevel = { info: 30, warn: 40, error: 50 } as const;
