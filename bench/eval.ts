/**
 * `npm run eval -- intents --train FILE --test FILE [--json]`
 * `npm run eval -- retrieval --docs FILE --queries FILE [--leave-out F [--seed N]] [--half tune|report] [--json]
 * [--no-vector] [--no-fulltext] [--no-typo-correction]`
 * `npm run eval -- conversations FILE [--json]` (exit code 1 when any conversation fails)
 * `npm run eval -- answers FILE... [--json]` (answer quality: right article, required phrases, length)
 * `npm run eval -- demo-kb [--queries FILE] [--json]` (confidence on the small demo knowledge base)
 * With --json the last line printed is one JSON object (the contract in shared/CONTRACT.md).
 */
import { parseArgs } from 'node:util';
import { runIntentsEval } from './eval-intents.js';
import { runRetrievalEval } from './eval-retrieval.js';
import { runDemoKbEval } from './eval-demo-kb.js';
import { formatConversationTable, runConversationsEval } from './eval-conversations.js';
import { formatAnswersTable, runAnswersEval } from './eval-answers.js';

const USAGE = `Usage:
  npm run eval -- intents --train FILE --test FILE [--json] [--max-in-scope-rejection 0.12] [--max-in-scope-loss 0.03]
  npm run eval -- retrieval --docs FILE --queries FILE [--leave-out F [--seed N]] [--half tune|report] [--json] \
[--no-vector] [--no-fulltext] [--no-typo-correction]
  npm run eval -- conversations FILE [--json]
  npm run eval -- answers FILE... [--json]
  npm run eval -- demo-kb [--queries FILE] [--json]`;

async function main(argv: string[]): Promise<void> {
  const [command, ...rest] = argv;
  const { values, positionals } = parseArgs({
    args: rest,
    allowPositionals: true,
    options: {
      train: { type: 'string' },
      test: { type: 'string' },
      docs: { type: 'string' },
      queries: { type: 'string' },
      'leave-out': { type: 'string' },
      seed: { type: 'string' },
      json: { type: 'boolean', default: false },
      'max-in-scope-rejection': { type: 'string' },
      'max-in-scope-loss': { type: 'string' },
      'no-vector': { type: 'boolean', default: false },
      'no-fulltext': { type: 'boolean', default: false },
      'no-typo-correction': { type: 'boolean', default: false },
      half: { type: 'string' },
    },
    strict: true,
  });
  let result: Record<string, unknown>;
  if (command === 'intents') {
    if (positionals.length) throw new UsageError(`unexpected argument "${positionals[0]}"`);
    if (!values.train || !values.test) throw new UsageError('intents needs --train and --test');
    const cap = values['max-in-scope-rejection'];
    const maxInScopeRejection = cap === undefined ? undefined : Number(cap);
    if (maxInScopeRejection !== undefined && !(maxInScopeRejection >= 0 && maxInScopeRejection <= 1)) {
      throw new UsageError('--max-in-scope-rejection takes a share between 0 and 1');
    }
    const lossArg = values['max-in-scope-loss'];
    const maxInScopeLoss = lossArg === undefined ? undefined : Number(lossArg);
    if (maxInScopeLoss !== undefined && !(maxInScopeLoss >= 0 && maxInScopeLoss <= 1)) {
      throw new UsageError('--max-in-scope-loss takes a share between 0 and 1');
    }
    const { worst, ...figures } = await runIntentsEval({
      train: values.train,
      test: values.test,
      maxInScopeRejection,
      maxInScopeLoss,
    });
    if (!values.json) {
      console.log('Worst intents (F1, most confused with):');
      for (const w of worst) console.log(`  ${w.label.padEnd(40)} ${w.f1.toFixed(3)}  ${w.confusedWith ?? ''}`);
    }
    result = figures;
  } else if (command === 'retrieval') {
    if (positionals.length) throw new UsageError(`unexpected argument "${positionals[0]}"`);
    if (!values.docs || !values.queries) throw new UsageError('retrieval needs --docs and --queries');
    const leaveOut = values['leave-out'] === undefined ? undefined : Number(values['leave-out']);
    if (leaveOut !== undefined && !(leaveOut >= 0 && leaveOut < 1))
      throw new UsageError('--leave-out must be a fraction in [0, 1)');
    const seed = values.seed === undefined ? 1 : Number(values.seed);
    if (!Number.isInteger(seed)) throw new UsageError('--seed must be an integer');
    const half = values.half;
    if (half !== undefined && half !== 'tune' && half !== 'report') throw new UsageError('--half takes tune or report');
    result = {
      ...(await runRetrievalEval({
        docs: values.docs,
        queries: values.queries,
        vector: !values['no-vector'],
        fulltext: !values['no-fulltext'],
        typoCorrection: !values['no-typo-correction'],
        leaveOut,
        seed,
        ...(half ? { half } : {}),
      })),
    };
  } else if (command === 'demo-kb') {
    if (positionals.length) throw new UsageError(`unexpected argument "${positionals[0]}"`);
    const { misses, ...figures } = await runDemoKbEval(values.queries);
    if (!values.json)
      for (const m of misses)
        console.log(
          `  miss: ${m.text} -> ${m.got ?? 'nothing'} (expected ${m.expected ?? 'no answer'}, ` +
            `confidence ${m.confidence ?? '-'})`,
        );
    result = figures;
  } else if (command === 'conversations') {
    const [file] = positionals;
    if (!file || positionals.length > 1) throw new UsageError('conversations needs one FILE');
    const suite = await runConversationsEval(file);
    if (!values.json) console.log(formatConversationTable(suite));
    else
      console.log(
        JSON.stringify({
          total: suite.total,
          passed: suite.passed,
          failed: suite.results
            .filter((r) => !r.passed)
            .map((r) => ({ name: r.name, got: { ...r.got, problems: r.problems } })),
        }),
      );
    if (suite.failed > 0) process.exitCode = 1;
    return;
  } else if (command === 'answers') {
    if (!positionals.length) throw new UsageError('answers needs one or more FILE');
    const run = await runAnswersEval(positionals);
    if (!values.json) console.log(formatAnswersTable(run));
    result = { ...run.figures };
  } else {
    throw new UsageError(command ? `unknown eval "${command}"` : 'name an eval');
  }
  if (values.json) {
    console.log(JSON.stringify(result));
  } else {
    for (const [k, v] of Object.entries(result))
      console.log(`${k.padEnd(22)} ${typeof v === 'number' ? Number(v.toFixed(4)) : v}`);
  }
}

class UsageError extends Error {}

main(process.argv.slice(2)).catch((err) => {
  console.error(
    err instanceof UsageError ? `${err.message}\n${USAGE}` : `eval failed: ${err instanceof Error ? err.message : err}`,
  );
  process.exit(err instanceof UsageError ? 2 : 1);
});
