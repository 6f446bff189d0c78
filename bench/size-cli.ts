/** `npm run size`: the widget's size budget (`.size-limit.json`) against dist/; exits 1 when over. */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { checkSizeBudget } from './size-budget.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

checkSizeBudget(root)
  .then((checks) => {
    for (const c of checks) {
      const mark = c.ok ? 'ok  ' : 'OVER';
      process.stdout.write(
        `${mark} ${c.name}: ${(c.bytes / 1000).toFixed(2)} kB of ` +
          `${(c.limitBytes / 1000).toFixed(2)} kB (${c.files.join(', ')})\n`,
      );
    }
    if (checks.some((c) => !c.ok)) {
      process.stderr.write(
        'size budget exceeded: see widget/README.md for what belongs in the loader and what in the chat chunk\n',
      );
      process.exit(1);
    }
  })
  .catch((err: unknown) => {
    process.stderr.write(`size check failed: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exit(1);
  });
