import type pino from 'pino';
import { createLogger, type Logger } from '../../server/logger.js';

export interface LogLine {
  level: number;
  msg: string;
  [field: string]: unknown;
}

/**
 * The server's own logger (same serializers and redaction) whose JSON lines land in `lines`, so tests read what
 * operators would see.
 */
export function captureLog(level: pino.LevelWithSilent = 'info'): { log: Logger; lines: LogLine[] } {
  const lines: LogLine[] = [];
  const log = createLogger(level, { write: (line: string) => void lines.push(JSON.parse(line) as LogLine) });
  return { log, lines };
}

/** pino's numeric levels, for readable assertions. */
export const LogLevel = { info: 30, warn: 40, error: 50 } as const;
