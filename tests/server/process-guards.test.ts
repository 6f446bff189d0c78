import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const child = fileURLToPath(new URL('../helpers/crash-child.ts', import.meta.url));

/** Runs the child until it exits; its stdout is pino JSON lines. */
function run(mode: string): Promise<{ code: number | null; lines: Array<Record<string, unknown>>; ms: number }> {
  const started = Date.now();
  return new Promise((resolve, reject) => {
    const p = spawn(process.execPath, ['--import', 'tsx', child, mode], { stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    p.stdout.on('data', (d: Buffer) => (out += d.toString()));
    const kill = setTimeout(() => p.kill('SIGKILL'), 15_000);
    p.on('error', reject);
    p.on('exit', (code) => {
      clearTimeout(kill);
      const lines = out.split('\n').filter(Boolean).map((l) => JSON.parse(l) as Record<string, unknown>);
      resolve({ code, lines, ms: Date.now() - started });
    });
  });
}

describe('process guards (uncaught exceptions and unhandled rejections)', () => {
  it('logs an uncaught exception as fatal with its stack, closes, then exits with code 1', async () => {
    const { code, lines } = await run('uncaught');
    expect(code).toBe(1);
    expect(lines[0]).toMatchObject({ level: 60, origin: 'uncaughtException', msg: 'uncaughtException: shutting down', err: { message: 'uncaught boom', stack: expect.stringMatching(/crash-child/) } });
    expect(lines.map((l) => l.msg)).toEqual(['uncaughtException: shutting down', 'closed']);
  });

  it('does the same for an unhandled rejection', async () => {
    const { code, lines } = await run('reject');
    expect(code).toBe(1);
    expect(lines[0]).toMatchObject({ level: 60, origin: 'unhandledRejection', err: { message: 'rejected boom' } });
    expect(lines.at(-1)?.msg).toBe('closed');
  });

  it('still exits with code 1 when closing hangs or fails', async () => {
    const hang = await run('hang');
    expect(hang.code).toBe(1);
    expect(hang.lines.map((l) => l.msg)).toEqual(['uncaughtException: shutting down', 'shutdown: closing took too long; exiting anyway']);
    const fails = await run('close-fails');
    expect(fails.code).toBe(1);
    expect(fails.lines[1]).toMatchObject({ level: 50, msg: 'shutdown: closing failed; exiting anyway', err: { message: 'db already gone' } });
  });
});
