import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { createPgliteDb } from '../server/db/pglite-db.js';
import { migrate } from '../server/db/migrate.js';
import { createKnowledgeBase } from '../knowledge/knowledge-base.js';
import { LocalEmbeddings } from '../knowledge/local-embeddings.js';
import { seedDemoKnowledge } from '../knowledge/demo-kb.js';
import { EvalInputError } from './eval-retrieval.js';

/**
 * Our own questions over the bundled demo help centre: paraphrases, typos, calm problem descriptions, and related
 * questions it does not answer (`url: null`).
 */
export const DEMO_KB_QUESTIONS = fileURLToPath(new URL('./data/demo-kb-questions.jsonl', import.meta.url));

const Question = z.object({ text: z.string().min(1).max(2000), url: z.string().nullable() });

export interface SmallKbFigures {
  answerable: number;
  unanswerable: number;
  confidentOnAnswerable: number;
  rightAmongConfident: number;
  /** Answerable questions answered confidently from the wrong article. */
  confidentWrong: number;
  falseConfidentOnUnanswerable: number;
  pseudoQuestions: number;
  misses: Array<{
    text: string;
    expected: string | null;
    got: string | null;
    confidence: number | null;
    confident: boolean;
  }>;
}

/**
 * `npm run eval -- demo-kb [--queries FILE]`: the demo articles, calibrated as the product does
 * after seeding, asked every question; the small-knowledge-base side of confidence.
 */
export async function runDemoKbEval(file = DEMO_KB_QUESTIONS): Promise<SmallKbFigures> {
  const text = await readFile(file, 'utf8').catch((err: Error) => {
    throw new EvalInputError(`Cannot read ${file}: ${err.message}`);
  });
  const questions = text
    .split('\n')
    .filter((l) => l.trim())
    .map((l, i) => {
      const parsed = Question.safeParse(JSON.parse(l));
      if (!parsed.success) throw new EvalInputError(`${file}:${i + 1}: expected {"text", "url": string | null}`);
      return parsed.data;
    });
  const db = await createPgliteDb();
  try {
    await migrate(db);
    const kb = createKnowledgeBase({ db, embeddings: new LocalEmbeddings() });
    await seedDemoKnowledge(kb);
    const status = await kb.calibration.recalibrate();
    if (process.env.DEMO_KB_TARGET) await kb.calibration.setTarget(Number(process.env.DEMO_KB_TARGET));
    const f = { answerable: 0, unanswerable: 0, confident: 0, right: 0, wrong: 0, falseConfident: 0 };
    const misses: SmallKbFigures['misses'] = [];
    for (const q of questions) {
      const res = await kb.search(q.text);
      const got = res.results[0]?.url ?? null;
      const miss = { text: q.text, expected: q.url, got, confidence: res.confidence ?? null, confident: res.confident };
      if (q.url === null) {
        f.unanswerable++;
        if (res.confident) f.falseConfident++;
        misses.push(miss);
        continue;
      }
      f.answerable++;
      if (res.confident) {
        f.confident++;
        if (got === q.url) f.right++;
        else f.wrong++;
      }
      if (!res.confident || got !== q.url) misses.push(miss);
    }
    return {
      answerable: f.answerable,
      unanswerable: f.unanswerable,
      confidentOnAnswerable: round(f.confident / (f.answerable || 1)),
      rightAmongConfident: round(f.right / (f.confident || 1)),
      confidentWrong: f.wrong,
      falseConfidentOnUnanswerable: round(f.falseConfident / (f.unanswerable || 1)),
      pseudoQuestions: status.calibration?.pseudoQuestions ?? 0,
      misses,
    };
  } finally {
    await db.close();
  }
}

function round(x: number): number {
  return Math.round(x * 1000) / 1000;
}
