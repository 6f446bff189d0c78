/**
 * `npm run bench [-- name ... [--flag=value ...]]`: runs the benchmarks and writes JSON to bench/results/; flags go to
 * the benchmarks that take them.
 */
import { writeResult } from './bench-result.js';
import { benchPipelineLatency } from './pipeline-latency.js';
import { benchRoutingLatency } from './routing-latency.js';
import { benchKnowledgeIngest } from './knowledge-ingest.js';
import { benchKnowledgeQuery } from './knowledge-query.js';
import { benchWebhooks } from './webhooks.js';
import { benchConversationSearch } from './conversation-search.js';
import { benchWidget } from './widget-load.js';
import { benchThroughput } from './throughput.js';
import { benchMemory } from './memory.js';
import { benchQueriesPerMessage } from './queries-per-message.js';
import { benchNodeKill } from './node-kill.js';

const BENCHMARKS: Record<string, (flags: string[]) => Promise<Record<string, unknown>>> = {
  'pipeline-latency': benchPipelineLatency,
  'routing-latency': benchRoutingLatency,
  'knowledge-ingest': benchKnowledgeIngest,
  'knowledge-query': benchKnowledgeQuery,
  webhooks: benchWebhooks,
  'conversation-search': benchConversationSearch,
  widget: benchWidget,
  throughput: benchThroughput,
  memory: benchMemory,
  'queries-per-message': benchQueriesPerMessage,
  'node-kill': benchNodeKill,
};

async function main(args: string[]): Promise<void> {
  const names = args.filter((a) => !a.startsWith('--'));
  const flags = args.filter((a) => a.startsWith('--'));
  const unknown = names.filter((n) => !(n in BENCHMARKS));
  if (unknown.length)
    throw new Error(`unknown benchmark(s): ${unknown.join(', ')}; known: ${Object.keys(BENCHMARKS).join(', ')}`);
  for (const name of names.length ? names : Object.keys(BENCHMARKS)) {
    process.stdout.write(`running ${name} ...\n`);
    const figures = await BENCHMARKS[name]!(flags);
    const file = await writeResult(name, figures);
    process.stdout.write(`${JSON.stringify(figures, null, 2)}\n-> ${file}\n`);
  }
}

main(process.argv.slice(2)).catch((err) => {
  console.error(`bench failed: ${err instanceof Error ? err.message : err}`);
  process.exit(1);
});
