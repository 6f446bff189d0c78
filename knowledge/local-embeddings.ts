import { Embeddings, type EmbeddingsParams } from '@langchain/core/embeddings';
import { conceptOf } from './support-synonyms.js';
import { tokenize, type Token } from '../text/tokenize.js';

/** Must match `chunks.embedding vector(512)`. */
export const LOCAL_EMBEDDING_DIMENSION = 512;
/** Recorded in `embedding_index`; bump when features or weights change so stored vectors are rebuilt. */
export const LOCAL_EMBEDDING_MODEL = 'local-hash-v1';

/**
 * Relative weight of each feature family; each family is L2-normalised before mixing.
 * Tuned on StackFAQ queries group `a` (see bench/eval-retrieval.ts).
 */
export const LOCAL_EMBEDDING_WEIGHTS = {
  words: 1.0,
  concepts: 0.65,
  bigrams: 0.6,
  // Character n-grams weigh more than words: they bridge inflections the stemmer misses and typos.
  charGrams: 1.2,
} as const;

export interface LocalEmbeddingsParams extends EmbeddingsParams {
  weights?: Partial<Record<keyof typeof LOCAL_EMBEDDING_WEIGHTS, number>>;
}

/**
 * Deterministic, offline text embedder: signed feature hashing of stemmed words, support-concept
 * synonyms, word bigrams and character 3-5-grams, with sublinear term frequency. No model
 * download and no network, so the product answers from its knowledge base out of the box.
 */
export class LocalEmbeddings extends Embeddings {
  readonly model = LOCAL_EMBEDDING_MODEL;
  readonly dimension = LOCAL_EMBEDDING_DIMENSION;
  private readonly weights: Record<keyof typeof LOCAL_EMBEDDING_WEIGHTS, number>;

  constructor(params: LocalEmbeddingsParams = {}) {
    super(params);
    this.weights = { ...LOCAL_EMBEDDING_WEIGHTS, ...params.weights };
  }

  async embedDocuments(documents: string[]): Promise<number[][]> {
    return documents.map((d) => this.embed(d));
  }

  async embedQuery(document: string): Promise<number[]> {
    return this.embed(document);
  }

  /** Synchronous core, exposed for benchmarks and batch jobs. */
  embed(text: string): number[] {
    // Stopword-only text ("how do I") still gets a direction rather than the zero vector,
    // which cosine distance cannot compare.
    let tokens = tokenize(text);
    if (tokens.length === 0) tokens = tokenize(text, { keepStopwords: true });
    const words = tokens.map((t) => wordInfo(t));
    const out = new Float64Array(LOCAL_EMBEDDING_DIMENSION);
    const w = this.weights;
    addFamily(out, countHashes(words.map((x) => x.stemHash)), w.words);
    addFamily(out, countHashes(words.flatMap((x) => (x.conceptHash === undefined ? [] : [x.conceptHash]))), w.concepts);
    const bigrams: number[] = [];
    for (let i = 1; i < tokens.length; i++) bigrams.push(hash32(`b${tokens[i - 1]!.stem} ${tokens[i]!.stem}`));
    addFamily(out, countHashes(bigrams), w.bigrams);
    const grams = new Map<number, number>();
    for (const x of words) for (const g of x.gramHashes) grams.set(g, (grams.get(g) ?? 0) + 1);
    addFamily(out, grams, w.charGrams);
    return normalise(out);
  }
}

interface WordInfo {
  stemHash: number;
  conceptHash: number | undefined;
  /** Character 3-5-grams inside the word, with boundary marks, so typos and compounds still overlap. */
  gramHashes: Uint32Array;
}

// Help-centre vocabulary is small and repetitive; caching per word makes embedding several
// times faster. Cleared when full so memory stays bounded.
const WORD_CACHE = new Map<string, WordInfo>();
const WORD_CACHE_MAX = 100_000;

function wordInfo(t: Token): WordInfo {
  let info = WORD_CACHE.get(t.word);
  if (info) return info;
  const concept = conceptOf(t.stem);
  const w = `<${t.word}>`;
  const grams: number[] = [];
  for (let n = 3; n <= 5; n++) for (let i = 0; i + n <= w.length; i++) grams.push(hash32(`g${w.slice(i, i + n)}`));
  info = {
    stemHash: hash32(`w${t.stem}`),
    conceptHash: concept ? hash32(`c${concept}`) : undefined,
    gramHashes: Uint32Array.from(grams),
  };
  if (WORD_CACHE.size >= WORD_CACHE_MAX) WORD_CACHE.clear();
  WORD_CACHE.set(t.word, info);
  return info;
}

function countHashes(hashes: number[]): Map<number, number> {
  const counts = new Map<number, number>();
  for (const h of hashes) counts.set(h, (counts.get(h) ?? 0) + 1);
  return counts;
}

/** Hashes one feature family into `out`, normalised so long texts do not drown the other families. */
function addFamily(out: Float64Array, counts: Map<number, number>, weight: number): void {
  if (counts.size === 0 || weight === 0) return;
  const part = new Float64Array(LOCAL_EMBEDDING_DIMENSION);
  for (const [h, tf] of counts) {
    // Signed hashing: collisions cancel out on average instead of piling up.
    const sign = h & 0x8000_0000 ? -1 : 1;
    part[h % LOCAL_EMBEDDING_DIMENSION]! += sign * (1 + Math.log(tf));
  }
  let norm = 0;
  for (const x of part) norm += x * x;
  if (norm === 0) return;
  const scale = weight / Math.sqrt(norm);
  for (let i = 0; i < part.length; i++) out[i]! += part[i]! * scale;
}

function normalise(v: Float64Array): number[] {
  let norm = 0;
  for (const x of v) norm += x * x;
  // An empty or all-stopword text maps to the zero vector; cosine treats it as unrelated to all.
  if (norm === 0) return Array.from(v);
  const inv = 1 / Math.sqrt(norm);
  return Array.from(v, (x) => x * inv);
}

/** FNV-1a followed by murmur3's finaliser, so low bits (the bucket) are well mixed. */
function hash32(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}
