import { readFile } from 'node:fs/promises';
import { createPgliteDb } from '../server/db/pglite-db.js';
import { migrate } from '../server/db/migrate.js';
import { createKnowledgeBase } from '../knowledge/knowledge-base.js';
import { LocalEmbeddings } from '../knowledge/local-embeddings.js';
import type { SearchMode } from '../knowledge/hybrid-search.js';

export interface RetrievalEvalArgs {
  /** JSONL `{"id","title","text"}`. */
  docs: string;
  /** JSONL `{"id","text","relevant_doc_ids":[...]}`. */
  queries: string;
  /** Use vector candidates (default true). */
  vector?: boolean;
  /** Use full-text candidates (default true). */
  fulltext?: boolean;
}

export interface RetrievalEvalResult {
  hitAt1: number;
  hitAt5: number;
  hitAt10: number;
  /** Mean reciprocal rank of the first relevant document within the top 10. */
  mrr: number;
  p50Ms: number;
  p99Ms: number;
  indexSeconds: number;
}

export class EvalInputError extends Error {
  override readonly name = 'EvalInputError';
}

/**
 * Ingests the documents through the product's own knowledge pipeline (chunking, default offline
 * embedder, pgvector + full-text index) into a fresh in-memory PGlite and scores the queries.
 */
export async function runRetrievalEval(args: RetrievalEvalArgs): Promise<RetrievalEvalResult> {
  const useVector = args.vector ?? true;
  const useFulltext = args.fulltext ?? true;
  if (!useVector && !useFulltext) throw new EvalInputError('Enable at least one of vector or fulltext retrieval.');
  const mode: SearchMode = useVector && useFulltext ? 'hybrid' : useVector ? 'vector' : 'fulltext';

  const docs = await readJsonl<{ id: string; title: string; text: string }>(args.docs, ['id', 'title', 'text']);
  const queries = await readJsonl<{ id: string; text: string; relevant_doc_ids: string[] }>(args.queries, [
    'id',
    'text',
    'relevant_doc_ids',
  ]);

  const db = await createPgliteDb();
  try {
    await migrate(db);
    const kb = createKnowledgeBase({ db, embeddings: new LocalEmbeddings(), search: { mode } });
    const docOfArticle = new Map<string, string>();
    const indexStart = performance.now();
    for (const d of docs) {
      const { id } = await kb.addArticle({ title: d.title, body: d.text, format: 'text', source: `eval:${d.id}` });
      docOfArticle.set(id, d.id);
    }
    const indexSeconds = (performance.now() - indexStart) / 1000;

    let hit1 = 0;
    let hit5 = 0;
    let hit10 = 0;
    let rr = 0;
    const latencies: number[] = [];
    for (const q of queries) {
      const relevant = new Set(q.relevant_doc_ids);
      const start = performance.now();
      const { results } = await kb.search(q.text, { k: 10 });
      latencies.push(performance.now() - start);
      const rank = results.findIndex((r) => relevant.has(docOfArticle.get(r.articleId) ?? ''));
      if (rank === 0) hit1++;
      if (rank >= 0 && rank < 5) hit5++;
      if (rank >= 0 && rank < 10) {
        hit10++;
        rr += 1 / (rank + 1);
      }
    }
    const n = queries.length || 1;
    latencies.sort((a, b) => a - b);
    return {
      hitAt1: round(hit1 / n),
      hitAt5: round(hit5 / n),
      hitAt10: round(hit10 / n),
      mrr: round(rr / n),
      p50Ms: round(percentile(latencies, 0.5), 2),
      p99Ms: round(percentile(latencies, 0.99), 2),
      indexSeconds: round(indexSeconds, 2),
    };
  } finally {
    await db.close();
  }
}

async function readJsonl<T>(file: string, required: string[]): Promise<T[]> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (err) {
    throw new EvalInputError(`Cannot read ${file}: ${(err as Error).message}`);
  }
  return text
    .split('\n')
    .map((line, i) => ({ line: line.trim(), i }))
    .filter(({ line }) => line.length > 0)
    .map(({ line, i }) => {
      let row: Record<string, unknown>;
      try {
        row = JSON.parse(line) as Record<string, unknown>;
      } catch {
        throw new EvalInputError(`${file}:${i + 1} is not valid JSON`);
      }
      for (const key of required) {
        if (row[key] === undefined) throw new EvalInputError(`${file}:${i + 1} lacks "${key}"`);
      }
      return row as T;
    });
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)]!;
}

function round(x: number, digits = 3): number {
  const f = 10 ** digits;
  return Math.round(x * f) / f;
}
