import { readFile } from 'node:fs/promises';
import { createPgliteDb } from '../server/db/pglite-db.js';
import { migrate } from '../server/db/migrate.js';
import { createKnowledgeBase } from '../knowledge/knowledge-base.js';
import { LocalEmbeddings } from '../knowledge/local-embeddings.js';
import type { SearchMode } from '../knowledge/hybrid-search.js';
import { mulberry32 } from '../understanding/seeded-random.js';

export interface RetrievalEvalArgs {
  /** JSONL `{"id","title","text"}`. */
  docs: string;
  /** JSONL `{"id","text","relevant_doc_ids":[...]}`. */
  queries: string;
  /** Use vector candidates (default true). */
  vector?: boolean;
  /** Use full-text candidates (default true). */
  fulltext?: boolean;
  /** Leave this fraction of the documents out of the index (a seeded split), to measure "answer missing" cases. */
  leaveOut?: number;
  /** Seed of the leave-out split (default 1). */
  seed?: number;
  /** Correct query typos in the lexical channel (default true); false for the A/B. */
  typoCorrection?: boolean;
  /**
   * Score only one half of the queries, split by the thread they ask about (a fixed shuffle of the
   * documents, independent of `seed`): tune thresholds on `tune`, report on `report`.
   */
  half?: QueryHalf;
}

export type QueryHalf = 'tune' | 'report';

/** Seed of the tune/report split of the queries; fixed so every run reports on the same half. */
const HALF_SEED = 20261202;

export interface RetrievalEvalResult {
  hitAt1: number;
  hitAt5: number;
  hitAt10: number;
  /** Mean reciprocal rank of the first relevant document within the top 10. */
  mrr: number;
  p50Ms: number;
  p99Ms: number;
  indexSeconds: number;
  /** Time to fit the knowledge base's confidence calibration after ingesting. */
  calibrationSeconds: number;
  pseudoQuestions: number;
  /** The calibration's own estimate of `falseConfidentOnUnanswerable` at its threshold. */
  expectedFalseConfident: number | null;
}

/** Added with `leaveOut`: how `confident` behaves when the answer is, or is not, in the index. */
export interface LeaveOutFigures {
  /** Queries with at least one relevant document ingested (hit figures are over these). */
  answerable: number;
  unanswerable: number;
  /** Share of answerable queries that came back `confident: true`. */
  confidentOnAnswerable: number;
  /** Share of confident answerable queries whose top result is relevant. */
  rightAmongConfident: number;
  /** Share of unanswerable queries that came back `confident: true` (the AI would answer with a wrong article). */
  falseConfidentOnUnanswerable: number;
}

export class EvalInputError extends Error {
  override readonly name = 'EvalInputError';
}

/**
 * Ingests the documents through the product's own knowledge pipeline (chunking, default offline
 * embedder, pgvector + full-text index) into a fresh in-memory PGlite and scores the queries.
 */
export async function runRetrievalEval(
  args: RetrievalEvalArgs,
): Promise<RetrievalEvalResult & Partial<LeaveOutFigures>> {
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

  const reportDocs = args.half
    ? keptDocIds(
        docs.map((d) => d.id),
        0.5,
        HALF_SEED,
      )
    : null;
  const scored = reportDocs
    ? queries.filter((q) => (args.half === 'report') === q.relevant_doc_ids.some((id) => reportDocs.has(id)))
    : queries;

  const leaveOut = args.leaveOut ?? 0;
  if (!(leaveOut >= 0 && leaveOut < 1)) throw new EvalInputError('--leave-out must be a fraction in [0, 1).');
  const ingested =
    leaveOut > 0
      ? keptDocIds(
          docs.map((d) => d.id),
          leaveOut,
          args.seed ?? 1,
        )
      : new Set(docs.map((d) => d.id));

  const db = await createPgliteDb();
  try {
    await migrate(db);
    const kb = createKnowledgeBase({
      db,
      embeddings: new LocalEmbeddings(),
      search: { mode, typoCorrection: args.typoCorrection ?? true },
    });
    const docOfArticle = new Map<string, string>();
    const indexStart = performance.now();
    for (const d of docs) {
      if (!ingested.has(d.id)) continue;
      const { id } = await kb.addArticle({ title: d.title, body: d.text, format: 'text', source: `eval:${d.id}` });
      docOfArticle.set(id, d.id);
    }
    const indexSeconds = (performance.now() - indexStart) / 1000;
    // The product calibrates in the background after writes; the evaluation waits for it.
    const calibrationStart = performance.now();
    const calibration = await kb.calibration.recalibrate();
    const calibrationSeconds = (performance.now() - calibrationStart) / 1000;

    let hit1 = 0;
    let hit5 = 0;
    let hit10 = 0;
    let rr = 0;
    const latencies: number[] = [];
    const split = {
      answerable: 0,
      unanswerable: 0,
      confidentAnswerable: 0,
      rightConfident: 0,
      confidentUnanswerable: 0,
    };
    for (const q of scored) {
      const relevant = new Set(q.relevant_doc_ids);
      const start = performance.now();
      const { results, confident } = await kb.search(q.text, { k: 10 });
      latencies.push(performance.now() - start);
      const answerable = q.relevant_doc_ids.some((id) => ingested.has(id));
      if (!answerable) {
        split.unanswerable++;
        if (confident) split.confidentUnanswerable++;
        continue;
      }
      split.answerable++;
      const rank = results.findIndex((r) => relevant.has(docOfArticle.get(r.articleId) ?? ''));
      if (confident) split.confidentAnswerable++;
      if (confident && rank === 0) split.rightConfident++;
      if (rank === 0) hit1++;
      if (rank >= 0 && rank < 5) hit5++;
      if (rank >= 0 && rank < 10) {
        hit10++;
        rr += 1 / (rank + 1);
      }
    }
    const n = split.answerable || 1;
    latencies.sort((a, b) => a - b);
    const figures = {
      hitAt1: round(hit1 / n),
      hitAt5: round(hit5 / n),
      hitAt10: round(hit10 / n),
      mrr: round(rr / n),
      p50Ms: round(percentile(latencies, 0.5), 2),
      p99Ms: round(percentile(latencies, 0.99), 2),
      indexSeconds: round(indexSeconds, 2),
      calibrationSeconds: round(calibrationSeconds, 2),
      pseudoQuestions: calibration.calibration?.pseudoQuestions ?? 0,
      expectedFalseConfident: calibration.expected?.falseConfident ?? null,
    };
    if (leaveOut === 0) return figures;
    return {
      ...figures,
      answerable: split.answerable,
      unanswerable: split.unanswerable,
      confidentOnAnswerable: round(split.confidentAnswerable / (split.answerable || 1)),
      rightAmongConfident: round(split.rightConfident / (split.confidentAnswerable || 1)),
      falseConfidentOnUnanswerable: round(split.confidentUnanswerable / (split.unanswerable || 1)),
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

/** The documents kept in the index: a seeded shuffle, minus the first `fraction` of it. */
export function keptDocIds(ids: readonly string[], fraction: number, seed: number): Set<string> {
  const order = [...ids].sort();
  const random = mulberry32(seed);
  for (let i = order.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [order[i], order[j]] = [order[j]!, order[i]!];
  }
  return new Set(order.slice(Math.round(fraction * order.length)));
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)]!;
}

function round(x: number, digits = 3): number {
  const f = 10 ** digits;
  return Math.round(x * f) / f;
}
