import {
  createKnowledgeBase,
  LocalEmbeddings,
  seedDemoKnowledge,
  type FirstlineKnowledgeBase,
} from '../../knowledge/index.js';
import { OpenAiEmbeddings } from '../../knowledge/openai-embeddings.js';
import type { Config } from '../config.js';
import type { Db } from '../db/db.js';
import type { Logger } from '../logger.js';

/** Up to this many articles, start-up waits for calibration so the first answers already use it. */
const SYNC_CALIBRATION_MAX_ARTICLES = 200;

/**
 * Picks the embedder (OpenAI-compatible when `OPENAI_EMBEDDING_MODEL` and a key are set, else the
 * offline one), makes the stored index fit it (re-embedding everything, with logged progress,
 * when the model or dimension changed) and seeds the demo articles into an empty base.
 */
export async function openKnowledgeBase(config: Config, db: Db, log: Logger): Promise<FirstlineKnowledgeBase> {
  let kb: FirstlineKnowledgeBase;
  const openai = config.openai;
  const calibration = { onError: (err: unknown) => log.error({ err }, 'confidence calibration failed') };
  if (openai?.embeddingModel) {
    const embeddings = new OpenAiEmbeddings({
      apiKey: openai.apiKey,
      baseURL: openai.baseURL,
      model: openai.embeddingModel,
      timeoutMs: openai.timeoutMs,
    });
    // The provider decides the vector size; one probe tells us (and fails fast on a bad key).
    const dimension = (await embeddings.embedQuery('dimension probe')).length;
    kb = createKnowledgeBase({ db, embeddings, model: `openai:${openai.embeddingModel}`, dimension, calibration });
  } else {
    kb = createKnowledgeBase({ db, embeddings: new LocalEmbeddings(), calibration });
  }
  let lastLogged = -1;
  const res = await kb.ensureIndex({
    onProgress(done, total) {
      const pct = Math.floor((done / Math.max(1, total)) * 100);
      if (pct >= lastLogged + 10 || done === total) {
        lastLogged = pct;
        log.info({ done, total, percent: pct }, 're-embedding knowledge base');
      }
    },
  });
  if (res.reembedded)
    log.info(
      { model: kb.model, dimension: kb.dimension, articles: res.articles, chunks: res.chunks },
      'knowledge index rebuilt for the configured embedder',
    );
  if (config.seedDemo) {
    const seeded = await seedDemoKnowledge(kb);
    if (seeded > 0) log.info({ articles: seeded }, 'demo knowledge base ingested');
  }
  // Confidence is calibrated per knowledge base. A stale or missing calibration is refitted now on
  // a small base (seconds at most), in the background on a large one (fixed thresholds meanwhile).
  const articles = (await kb.listArticles()).length;
  const calibrating = kb.calibration.ensure().then(
    async () => {
      const s = await kb.calibration.status();
      if (s.calibration)
        log.info(
          {
            pseudoQuestions: s.calibration.pseudoQuestions,
            threshold: s.threshold,
            expectedFalseConfident: s.expected?.falseConfident,
          },
          'confidence calibrated for this knowledge base',
        );
    },
    (err: unknown) => log.error({ err }, 'confidence calibration failed; fixed thresholds stay in use'),
  );
  if (articles <= SYNC_CALIBRATION_MAX_ARTICLES) await calibrating;
  return kb;
}
