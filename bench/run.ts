/** `npm run bench [-- name ...]`: runs the benchmarks and writes JSON to bench/results/. */
import { writeResult } from './bench-result.js';
import { benchPipelineLatency } from './pipeline-latency.js';
import { benchRoutingLatency } from './routing-latency.js';
import { benchKnowledgeIngest } from './knowledge-ingest.js';
import { benchKnowledgeQuery } from './knowledge-query.js';
import { benchWebhooks } from './webhooks.js';
import { benchConversationSearch } from './conversation-search.js';
import { benchWidget } from './widget-load.js';

const BENCHMARKS: Record<string, () => Promise<Record<string, unknown>>> = {
  'pipeline-latency': benchPipelineLatency,
  'routing-latency': benchRoutingLatency,
  'knowledge-ingest': benchKnowledgeIngest,
  'knowledge-query': benchKnowledgeQuery,
  webhooks: benchWebhooks,
  'conversation-search': benchConversationSearch,
  widget: benchWidget,
};

async function main(names: string[]): Promise<void> {
  const unknown = names.filter((n) => !(n in BENCHMARKS));
  if (unknown.length) throw new Error(`unknown benchmark(s): ${unknown.join(', ')}; known: ${Object.keys(BENCHMARKS).join(', ')}`);
  for (const name of names.length ? names : Object.keys(BENCHMARKS)) {
    process.stdout.write(`running ${name} ...\n`);
    const figures = await BENCHMARKS[name]!();
    const file = await writeResult(name, figures);
    process.stdout.write(`${JSON.stringify(figures, null, 2)}\n-> ${file}\n`);
  }
}

main(process.argv.slice(2)).catch((err) => {
  console.error(`bench failed: ${err instanceof Error ? err.message : err}`);
  process.exit(1);
});
