import type { Queryable } from '../base/db.js';
import { LocalEmbeddings } from './local-embeddings.js';
import { tokenize } from '../text/tokenize.js';
import type { GapGroup } from '../protocol/responses/knowledge.js';

export interface GapInput {
  conversationId: string | null;
  messageId: string | null;
  question: string;
  pageUrl?: string | null;
  pageTitle?: string | null;
  topArticleId?: string | null;
  topSimilarity?: number | null;
  reasonCode?: string | null;
}

export type { GapGroup };

export interface KnowledgeGaps {
  /** Stores one unanswered question; false when it is not worth keeping (no content words, duplicate message). */
  record(gap: GapInput): Promise<boolean>;
  /** Recent gaps grouped by similar wording, most frequent first. */
  groups(opts?: { limit?: number; since?: Date }): Promise<{ groups: GapGroup[]; total: number }>;
}

export const KNOWLEDGE_GAP_DEFAULTS = {
  /** Cosine similarity (offline embedder) at which two questions count as the same gap. */
  similarity: 0.5,
  /** Most recent gaps clustered per request, bounding the work. */
  window: 2000,
  examples: 5,
  pages: 5,
  questionChars: 500,
};

/**
 * Records the visitor questions retrieval had no confident answer for, and groups them for
 * admins by greedy cosine clustering with the offline embedder (same vectors whatever the
 * answer-side embedder is): each question joins the nearest group whose centroid is similar
 * enough, else starts its own.
 */
export function createKnowledgeGaps(deps: { db: Queryable; similarity?: number }): KnowledgeGaps {
  const { db } = deps;
  const threshold = deps.similarity ?? KNOWLEDGE_GAP_DEFAULTS.similarity;
  const embedder = new LocalEmbeddings();

  return {
    async record(gap) {
      const question = gap.question.replace(/\s+/g, ' ').trim().slice(0, KNOWLEDGE_GAP_DEFAULTS.questionChars);
      if (tokenize(question).length === 0) return false;
      const { rows } = await db.query(
        `INSERT INTO knowledge_gaps (conversation_id, message_id, question, page_url, page_title, top_article_id,
           top_similarity, reason_code)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
         ON CONFLICT (message_id) WHERE message_id IS NOT NULL DO NOTHING RETURNING id`,
        [
          gap.conversationId,
          gap.messageId,
          question,
          gap.pageUrl?.slice(0, 2048) ?? null,
          gap.pageTitle?.slice(0, 300) ?? null,
          gap.topArticleId ?? null,
          Number.isFinite(gap.topSimilarity) ? gap.topSimilarity : null,
          gap.reasonCode ?? null,
        ],
      );
      return rows.length > 0;
    },

    async groups(opts = {}) {
      const limit = Math.max(1, Math.min(opts.limit ?? 50, 500));
      const { rows } = await db.query<{ question: string; page_url: string | null; created_at: unknown }>(
        `SELECT question, page_url, created_at FROM knowledge_gaps
          WHERE ($1::timestamptz IS NULL OR created_at >= $1::timestamptz)
          ORDER BY created_at DESC, id DESC LIMIT $2`,
        [opts.since?.toISOString() ?? null, KNOWLEDGE_GAP_DEFAULTS.window],
      );
      const clusters: Array<{ centroid: Float64Array; members: typeof rows }> = [];
      for (const row of rows) {
        const v = embedder.embed(row.question);
        let best: (typeof clusters)[number] | null = null;
        let bestSim = threshold;
        for (const c of clusters) {
          const sim = cosine(c.centroid, v);
          if (sim >= bestSim) {
            best = c;
            bestSim = sim;
          }
        }
        if (best) {
          for (let i = 0; i < v.length; i++) best.centroid[i]! += v[i]!;
          best.members.push(row);
        } else clusters.push({ centroid: Float64Array.from(v), members: [row] });
      }
      const groups = clusters.map((c) => toGroup(c.members));
      groups.sort((a, b) => b.count - a.count || b.lastSeenAt.localeCompare(a.lastSeenAt));
      return { groups: groups.slice(0, limit), total: rows.length };
    },
  };
}

function toGroup(members: Array<{ question: string; page_url: string | null; created_at: unknown }>): GapGroup {
  const wordings = countBy(
    members.map((m) => m.question),
    (q) =>
      q
        .toLowerCase()
        .replace(/[^\p{L}\p{N}]+/gu, ' ')
        .trim(),
  );
  const pages = countBy(
    members.flatMap((m) => (m.page_url ? [m.page_url] : [])),
    (u) => u,
  );
  const times = members.map((m) => toIso(m.created_at)).sort();
  return {
    question: wordings[0]!.value,
    count: members.length,
    examples: wordings.slice(0, KNOWLEDGE_GAP_DEFAULTS.examples).map((w) => w.value),
    pages: pages.slice(0, KNOWLEDGE_GAP_DEFAULTS.pages).map((p) => ({ url: p.value, count: p.count })),
    firstSeenAt: times[0]!,
    lastSeenAt: times[times.length - 1]!,
  };
}

/** Counts values by a normalised key, keeping the first value seen for each key, most frequent first. */
function countBy(values: string[], key: (v: string) => string): Array<{ value: string; count: number }> {
  const m = new Map<string, { value: string; count: number }>();
  for (const v of values) {
    const k = key(v);
    const e = m.get(k);
    if (e) e.count++;
    else m.set(k, { value: v, count: 1 });
  }
  return [...m.values()].sort((a, b) => b.count - a.count);
}

function cosine(a: Float64Array, b: number[]): number {
  let dot = 0;
  let na = 0;
  for (let i = 0; i < b.length; i++) {
    dot += a[i]! * b[i]!;
    na += a[i]! * a[i]!;
  }
  return na > 0 ? dot / Math.sqrt(na) : 0;
}

function toIso(v: unknown): string {
  return (v instanceof Date ? v : new Date(String(v))).toISOString();
}
