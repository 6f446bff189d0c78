/**
 * Where `npm start` writes log lines: held back while the server starts, then written in order
 * just before the start banner, so JSON lines never land inside the banner (workers started by
 * `startServer` log concurrently) and the banner is the last thing start-up prints.
 */
export interface HeldLogOutput {
  /** pino's destination interface. */
  write(line: string): void;
  /** Writes every held line, then `banner`; from now on lines go straight out. */
  release(banner: string): void;
}

export function createHeldLogOutput(
  out: { write(chunk: string): unknown } = process.stdout,
  maxHeld = 10_000,
): HeldLogOutput {
  let held: string[] | null = [];
  let dropped = 0;
  return {
    write(line) {
      if (!held) {
        out.write(line);
        return;
      }
      // A start that hangs must not grow memory without bound: keep the first lines, count the rest.
      if (held.length < maxHeld) held.push(line);
      else dropped++;
    },
    release(banner) {
      if (!held) return;
      const lines = held;
      held = null;
      for (const line of lines) out.write(line);
      const msg = `${dropped} start-up log lines were dropped while the server started`;
      if (dropped > 0) out.write(`${JSON.stringify({ level: 40, msg })}\n`);
      out.write(banner);
    },
  };
}
