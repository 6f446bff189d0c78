import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const child = fileURLToPath(new URL('../helpers/crash-child.ts', import.meta.url));

/**
 * Runs the child until it exits; its stdout is pino JSON lines. Under load a long line written to a
 * busy pipe can land after a later short one, so tests look lines up instead of relying on order.
 */
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
      const lines = out
        .split('\n')
        .filter(Boolean)
        .map((l) => JSON.parse(l) as Record<string, unknown>);
      resolve({ code, lines, ms: Date.now() - started });
    });
  });
}

describe('process guards (uncaught exceptions and unhandled rejections)', () => {
  it('logs an uncaught exception as fatal with its stack, closes, then exits with code 1', async () => {
    const { code, lines } = await run('uncaught');
    expect(code).toBe(1);
    expect(
      lines.find((l) => l.level === 60),
      JSON.stringify(lines),
    ).toMatchObject({
      origin: 'uncaughtException',
      msg: 'uncaughtException: shutting down',
      err: { message: 'uncaught boom', stack: expect.stringMatching(/crash-child/) },
    });
    expect(lines.map((l) => l.msg).sort()).toEqual(['closed', 'uncaughtException: shutting down']);
  });

  it('does the same for an unhandled rejection', async () => {
    const { code, lines } = await run('reject');
    expect(code).toBe(1);
    expect(
      lines.find((l) => l.level === 60),
      JSON.stringify(lines),
    ).toMatchObject({ origin: 'unhandledRejection', err: { message: 'rejected boom' } });
    expect(lines.map((l) => l.msg).sort()).toEqual(['closed', 'unhandledRejection: shutting down']);
  });

  it('still exits with code 1 when closing hangs or fails', async () => {
    const hang = await run('hang');
    expect(hang.code).toBe(1);
    expect(hang.lines.map((l) => l.msg).sort()).toEqual([
      'shutdown: closing took too long; exiting anyway',
      'uncaughtException: shutting down',
    ]);
    const fails = await run('close-fails');
    expect(fails.code).toBe(1);
    expect(fails.lines.find((l) => l.level === 50)).toMatchObject({
      msg: 'shutdown: closing failed; exiting anyway',
      err: { message: 'db already gone' },
    });
  });
});
