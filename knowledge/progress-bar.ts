/** A one-line progress bar on a TTY, plain "n/total label" lines otherwise (logs, CI). */
export interface ProgressBar {
  update(done: number, label?: string): void;
  /** Prints a line above the bar (a failure, a note) without breaking it. */
  note(line: string): void;
  done(): void;
}

export function createProgressBar(total: number, stream: NodeJS.WriteStream = process.stderr, width = 30): ProgressBar {
  const tty = Boolean(stream.isTTY);
  let last = '';
  const render = (done: number, label = '') => {
    const ratio = total > 0 ? Math.min(1, done / total) : 1;
    const filled = Math.round(ratio * width);
    const cols = (stream.columns ?? 100) - width - 20;
    const shown = label.length > cols ? `…${label.slice(-(cols - 1))}` : label;
    return (
      `[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ` +
      `${String(Math.round(ratio * 100)).padStart(3)}% ${done}/${total} ${shown}`
    );
  };
  return {
    update(done, label) {
      if (tty) {
        last = render(done, label);
        stream.write(`\r\x1b[2K${last}`);
      } else stream.write(`${done}/${total} ${label ?? ''}\n`);
    },
    note(line) {
      if (tty) stream.write(`\r\x1b[2K${line}\n${last}`);
      else stream.write(`${line}\n`);
    },
    done() {
      if (tty) stream.write('\n');
    },
  };
}
