/**
 * `npm run eval -- intents --train FILE --test FILE [--json]`
 * `npm run eval -- retrieval --docs FILE --queries FILE [--json] [--no-vector] [--no-fulltext]`
 * With --json the last line printed is one JSON object (the contract in shared/CONTRACT.md).
 */
import { parseArgs } from 'node:util';
import { runIntentsEval } from './eval-intents.js';
import { runRetrievalEval } from './eval-retrieval.js';

const USAGE = `Usage:
  npm run eval -- intents --train FILE --test FILE [--json] [--max-in-scope-rejection 0.12]
  npm run eval -- retrieval --docs FILE --queries FILE [--json] [--no-vector] [--no-fulltext]`;

async function main(argv: string[]): Promise<void> {
  const [command, ...rest] = argv;
  const { values } = parseArgs({
    args: rest,
    options: {
      train: { type: 'string' },
      test: { type: 'string' },
      docs: { type: 'string' },
      queries: { type: 'string' },
      json: { type: 'boolean', default: false },
      'max-in-scope-rejection': { type: 'string' },
      'no-vector': { type: 'boolean', default: false },
      'no-fulltext': { type: 'boolean', default: false },
    },
    strict: true,
  });
  let result: Record<string, unknown>;
  if (command === 'intents') {
    if (!values.train || !values.test) throw new UsageError('intents needs --train and --test');
    const cap = values['max-in-scope-rejection'];
    const maxInScopeRejection = cap === undefined ? undefined : Number(cap);
    if (maxInScopeRejection !== undefined && !(maxInScopeRejection >= 0 && maxInScopeRejection <= 1)) {
      throw new UsageError('--max-in-scope-rejection takes a share between 0 and 1');
    }
    const { worst, ...figures } = await runIntentsEval({ train: values.train, test: values.test, maxInScopeRejection });
    if (!values.json) {
      console.log('Worst intents (F1, most confused with):');
      for (const w of worst) console.log(`  ${w.label.padEnd(40)} ${w.f1.toFixed(3)}  ${w.confusedWith ?? ''}`);
    }
    result = figures;
  } else if (command === 'retrieval') {
    if (!values.docs || !values.queries) throw new UsageError('retrieval needs --docs and --queries');
    result = { ...(await runRetrievalEval({ docs: values.docs, queries: values.queries, vector: !values['no-vector'], fulltext: !values['no-fulltext'] })) };
  } else {
    throw new UsageError(command ? `unknown eval "${command}"` : 'name an eval');
  }
  if (values.json) {
    console.log(JSON.stringify(result));
  } else {
    for (const [k, v] of Object.entries(result)) console.log(`${k.padEnd(22)} ${typeof v === 'number' ? Number(v.toFixed(4)) : v}`);
  }
}

class UsageError extends Error {}

main(process.argv.slice(2)).catch((err) => {
  console.error(err instanceof UsageError ? `${err.message}\n${USAGE}` : `eval failed: ${err instanceof Error ? err.message : err}`);
  process.exit(err instanceof UsageError ? 2 : 1);
});
