import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createKnowledgeBase, LocalEmbeddings, seedDemoKnowledge } from '../../../knowledge/index.js';
import type { KnowledgeBase } from '../../../knowledge/types.js';
import { RichText } from '../../../protocol/rich-text.js';
import { createIntentCatalog } from '../../../server/intents/intent-catalog.js';
import { createExtractiveAnswerer } from '../../../server/pipeline/answerer.js';
import { createDefaultPipeline } from '../../../server/pipeline/default-pipeline.js';
import { runPipeline } from '../../../server/pipeline/run-pipeline.js';
import type { AnyStage } from '../../../server/pipeline/stage.js';
import type { TurnInput } from '../../../server/pipeline/turn.js';
import { DEFAULT_INTENTS } from '../../../understanding/default-intents.js';
import { trainIntentClassifier } from '../../../understanding/intent-classifier.js';
import { dbKind, openTestDb, type TestDb } from '../../helpers/test-db.js';

const catalog = createIntentCatalog(DEFAULT_INTENTS, (ex) => trainIntentClassifier(ex));

function turn(text: string, over: Partial<TurnInput> = {}): TurnInput {
  return {
    conversationId: 'c1',
    messageId: 'm1',
    text,
    status: 'bot',
    page: null,
    pageTrail: [],
    visitor: { id: 'v1', verified: false },
    history: [],
    previousTrajectory: null,
    ...over,
  };
}

/** What a customer reads from the offline first line, over the demo knowledge base. */
describe(`offline answers a customer is glad to read (${dbKind})`, () => {
  let tdb: TestDb;
  let kb: KnowledgeBase;
  let stages: AnyStage[];
  const ask = async (text: string, over: Partial<TurnInput> = {}) => (await runPipeline(stages, turn(text, over))).turn;
  beforeAll(async () => {
    tdb = await openTestDb();
    kb = createKnowledgeBase({ db: tdb.db, embeddings: new LocalEmbeddings() });
    await seedDemoKnowledge(kb);
    stages = createDefaultPipeline({
      catalog: () => catalog,
      kb,
      answerer: createExtractiveAnswerer({ articles: (id) => kb.getArticle(id) }),
    });
  }, 60_000);
  afterAll(async () => tdb?.dispose());

  it('keeps the numbered steps whole and in order, says what "it" is, and names the source once', async () => {
    const { reply } = await ask('How do I change my billing email?');
    expect(reply?.kind).toBe('answer');
    const text = reply!.text;
    expect(text).toContain('Only workspace Owners and Billing admins can change the billing email.');
    expect(text).not.toMatch(/can change it\./);
    expect(text.indexOf('1. Go to Settings > Billing.')).toBeLessThan(text.indexOf('4. Click Save.'));
    expect(text.match(/Read the full article/g)).toHaveLength(1);
    expect(text).not.toContain('Source:');
    expect(text.length).toBeLessThanOrEqual(700);
    expect(reply!.citations).toHaveLength(1);
    // The structure travels as validated rich text: the steps are a list of four, bold kept.
    const rich = RichText.parse(reply!.rich);
    const list = rich.find((b) => 'ol' in b) as { ol: unknown[][] };
    expect(list.ol).toHaveLength(4);
    expect(list.ol[0]).toContainEqual({ b: 'Settings > Billing' });
  });

  it('answers a question about one part of an article with that part, not its opening', async () => {
    const { reply } = await ask('I changed the billing email but never got the confirmation email');
    expect(reply?.text).toContain('Resend confirmation');
    expect(reply?.text).not.toContain('1. Go to Settings > Billing.');
    // Only the item that answers, not the section's other problems.
    expect(reply?.text).not.toContain('greyed out');
    expect(reply?.text).not.toContain('login email');
  });

  it('reads a short follow-up with the question before it and cites the right article', async () => {
    const first = await ask('How do I change my billing email?');
    const history: TurnInput['history'] = [
      { role: 'visitor', text: 'How do I change my billing email?', meta: {} },
      { role: 'ai', text: first.reply!.text, meta: { kind: 'answer', citations: first.reply!.citations } },
    ];
    const { reply, decision } = await ask('And what about my login email?', { history });
    expect(decision?.reasonCode).toBe('kb_answer');
    expect(reply?.text).toContain('Profile > Account > Email');
    expect(reply?.citations.map((c) => c.title)).toEqual(['Change the billing email address']);
  });

  it('says so and cites both when two articles answer the two halves of a question', async () => {
    const { reply } = await ask('How do I export my data and then delete my workspace?');
    expect(reply?.text).toContain('two parts');
    expect(reply?.citations.map((c) => c.title).sort()).toEqual([
      'Delete your account or workspace (GDPR)',
      'Export your data',
    ]);
  });

  it('thanks while waiting for an agent get a fitting reply, never a knowledge-base section', async () => {
    const { reply, decision } = await ask('Thanks, that worked', { status: 'queued' });
    expect(decision?.reasonCode).toBe('thanks_while_waiting');
    expect(reply?.citations).toEqual([]);
    expect(reply?.text).toMatch(/welcome/i);
    const hello = await ask('Hi there', { status: 'queued' });
    expect(hello.reply?.text).toMatch(/queue/);
    expect(hello.reply?.citations).toEqual([]);
  });

  it('a thank-you after an answer gets a goodbye, not another section', async () => {
    const history: TurnInput['history'] = [
      { role: 'visitor', text: 'How do I connect Slack?', meta: {} },
      { role: 'ai', text: 'Go to Settings > Integrations > Slack.', meta: { kind: 'answer' } },
    ];
    const { reply } = await ask('Thanks, that worked!', { history });
    expect(reply?.citations).toEqual([]);
    expect(reply?.text).toMatch(/welcome/i);
  });
});
