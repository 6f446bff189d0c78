import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createKnowledgeBase, LocalEmbeddings, seedDemoKnowledge } from '../../knowledge/index.js';
import type { KnowledgeBase } from '../../knowledge/types.js';
import { createIntentCatalog } from '../../server/intents/intent-catalog.js';
import { createExtractiveAnswerer } from '../../server/pipeline/answerer.js';
import { createDefaultPipeline } from '../../server/pipeline/default-pipeline.js';
import { runPipeline, StageError } from '../../server/pipeline/run-pipeline.js';
import type { AnyStage } from '../../server/pipeline/stage.js';
import { createClassifyIntentStage } from '../../server/pipeline/stages/classify-intent.js';
import { createDetectLoopStage } from '../../server/pipeline/stages/detect-loop.js';
import { createRetrieveKnowledgeStage } from '../../server/pipeline/stages/retrieve-knowledge.js';
import { createTrackSentimentStage } from '../../server/pipeline/stages/track-sentiment.js';
import type { TurnInput } from '../../server/pipeline/turn.js';
import { DEFAULT_INTENTS } from '../../understanding/default-intents.js';
import { trainIntentClassifier } from '../../understanding/intent-classifier.js';
import { dbKind, openTestDb, type TestDb } from '../helpers/test-db.js';

const catalog = createIntentCatalog(DEFAULT_INTENTS, (ex) => trainIntentClassifier(ex));

function turn(text: string, over: Partial<TurnInput> = {}): TurnInput {
  return {
    conversationId: 'c1',
    messageId: 'm1',
    text,
    status: 'bot',
    page: { url: 'http://localhost/billing', title: 'Billing' },
    pageTrail: [
      { url: 'http://localhost/', title: 'Home', at: '2026-01-01T00:00:00Z' },
      { url: 'http://localhost/billing', title: 'Billing', at: '2026-01-01T00:01:00Z' },
    ],
    visitor: { id: 'v1', name: 'Dana', plan: 'pro', verified: true },
    history: [],
    previousTrajectory: null,
    ...over,
  };
}

describe('classify-intent stage', () => {
  const stage = createClassifyIntentStage({ catalog: () => catalog });
  it('names the intent with its definition', async () => {
    const { intent } = await stage.run(turn('I was charged twice this month'));
    expect(intent.intent).toBe('refund_or_charge_dispute');
    expect(intent.definition?.policy).toBe('handoff');
  });
  it('says out of scope instead of guessing', async () => {
    const { intent } = await stage.run(turn('what is the boiling point of tungsten'));
    expect(intent.intent).toBeNull();
    expect(intent.definition).toBeNull();
  });
});

describe('track-sentiment stage', () => {
  const stage = createTrackSentimentStage();
  it('scores frustration and carries the trajectory forward', async () => {
    const first = (await stage.run(turn('This is the THIRD time I ask, still not working!!!'))).sentiment;
    expect(first.score).toBeLessThan(0);
    expect(first.signals.map((s) => s.name)).toContain('frustration');
    const second = (await stage.run(turn('thanks, great', { previousTrajectory: first.trajectory }))).sentiment;
    expect(second.trajectory.count).toBe(first.trajectory.count + 1);
    expect(second.trajectory.smoothed).toBeGreaterThan(first.trajectory.smoothed);
  });
});

describe('detect-loop stage', () => {
  it('notices the visitor repeating a question the AI already answered', async () => {
    const history = [
      { role: 'visitor' as const, text: 'How do I connect Slack to my workspace?', meta: {} },
      { role: 'ai' as const, text: 'Go to Settings > Integrations.', meta: {} },
    ];
    const { loop } = await createDetectLoopStage().run(turn('how do i connect slack to my workspace??', { history }));
    expect(loop.looping).toBe(true);
    expect(loop.aiAnswers).toBe(1);
  });
});

describe(`stages over the knowledge base (${dbKind})`, () => {
  let tdb: TestDb;
  let kb: KnowledgeBase;
  let stages: AnyStage[];
  beforeAll(async () => {
    tdb = await openTestDb();
    kb = createKnowledgeBase({ db: tdb.db, embeddings: new LocalEmbeddings() });
    await seedDemoKnowledge(kb);
    stages = createDefaultPipeline({ catalog: () => catalog, kb, answerer: createExtractiveAnswerer() });
  });
  afterAll(async () => tdb?.dispose());

  it('retrieve-knowledge finds the billing email article confidently', async () => {
    const { retrieval } = await createRetrieveKnowledgeStage({ kb }).run(turn('How do I change my billing email?'));
    expect(retrieval.confident).toBe(true);
    expect(retrieval.results[0]?.title.toLowerCase()).toContain('billing email');
  });

  it('the whole pipeline answers a how-to with a cited, cleanly cut extract', async () => {
    const { turn: done, timings } = await runPipeline(stages, turn('How do I change my billing email?'));
    expect(done.decision?.action).toBe('answer');
    expect(done.reply?.kind).toBe('answer');
    expect(done.reply?.citations[0]?.title.toLowerCase()).toContain('billing email');
    expect(done.reply!.text.length).toBeLessThan(900);
    expect(timings.map((t) => t.stage)).toEqual([
      'classify-intent',
      'track-sentiment',
      'detect-loop',
      'retrieve-knowledge',
      'draft-answer',
      'decide-escalation',
      'compose-reply',
    ]);
  });

  it('hands off an explicit request with a brief naming the page, customer and reason', async () => {
    const { turn: done } = await runPipeline(stages, turn('I want to talk to a person'));
    expect(done.reply?.kind).toBe('handoff');
    const brief = done.reply!.handoff!.brief;
    expect(brief).toContain('Dana');
    expect(brief).toContain('/billing');
    expect(brief).toMatch(/asked for a human/);
    expect(done.reply!.handoff!.signals.length).toBeGreaterThan(0);
  });

  it('hands off when nothing in the knowledge base answers', async () => {
    const { turn: done } = await runPipeline(stages, turn('Can your product make espresso for my office?'));
    expect(done.decision?.action).toBe('handoff');
  });

  it('greets small talk without handing off', async () => {
    const { turn: done } = await runPipeline(stages, turn('hi there'));
    expect(done.decision?.action).toBe('answer');
    expect(done.reply?.text).toMatch(/ask me/i);
  });

  it(
    'decides the handoff itself when the drafted answer fails its own check: ' + 'decision, reply and brief agree',
    async () => {
      for (const answer of [
        { text: '', citations: [], unanswerable: true },
        { text: '  ', citations: [] },
      ]) {
        const noAnswer = createDefaultPipeline({
          catalog: () => catalog,
          kb,
          answerer: { name: 'no-answer', answer: async () => answer },
        });
        const { turn: done } = await runPipeline(noAnswer, turn('How do I change my billing email?'));
        expect(done.retrieval?.confident).toBe(true);
        expect(done.draft).toMatchObject({ grounded: false, problem: answer.unanswerable ? 'no_answer' : 'empty' });
        expect(done.decision).toMatchObject({ action: 'handoff', reasonCode: 'answer_not_in_context' });
        expect(done.decision?.signals).toContainEqual({ name: 'answer_grounded', value: false });
        expect(done.reply?.kind).toBe('handoff');
        expect(done.reply?.handoff?.reason).toBe(done.decision?.reason);
        expect(done.reply?.handoff?.brief).toMatch(/could not find the answer/);
      }
    },
  );

  it('neither retrieves nor drafts when the knowledge base cannot change the decision', async () => {
    let drafted = 0;
    const counting = createDefaultPipeline({
      catalog: () => catalog,
      kb,
      answerer: { name: 'count', answer: async () => (drafted++, { text: 'x', citations: [] }) },
    });
    const { turn: done } = await runPipeline(counting, turn('I want to talk to a person'));
    expect(done.retrieval?.skipped).toMatch(/explicit_request/);
    expect(done.draft?.skipped).toBeTruthy();
    expect(drafted).toBe(0);
    expect(done.decision?.reasonCode).toBe('explicit_request');
  });

  it('names the failing stage when one throws', async () => {
    const broken: AnyStage = {
      name: 'broken',
      run: () => {
        throw new Error('boom');
      },
    };
    await expect(runPipeline([broken], turn('hi'))).rejects.toThrow(StageError);
    await expect(runPipeline([broken], turn('hi'))).rejects.toThrow(/"broken" failed: boom/);
  });
});
