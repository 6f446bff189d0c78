import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createConversationRepository } from '../../server/conversations/conversation-repository.js';
import { dbKind, openTestDb, type TestDb } from '../helpers/test-db.js';

/**
 * An AI turn reads its conversation in one statement: the same detail the console reads, and every
 * message in the order it was written, with the meta the pipeline looks back at.
 */
describe(`the context an AI turn starts from (${dbKind})`, () => {
  let tdb: TestDb;

  beforeAll(async () => {
    tdb = await openTestDb();
  });
  afterAll(async () => {
    await tdb?.dispose();
  });

  it('is the conversation detail plus its transcript in order, meta included', async () => {
    const repo = createConversationRepository(tdb.db);
    await repo.ensure({
      conversationId: 'c-turn',
      visitorId: 'v-turn',
      identity: { id: 'u1', name: 'Dana', plan: 'business' },
      verified: true,
      page: { url: 'https://app.example.com/billing', title: 'Billing' },
    });
    const first = await repo.insertMessage({ conversationId: 'c-turn', role: 'visitor', text: 'Hi there' });
    await repo.setMessageMeta(first.message.id, { sentiment: { score: -0.2 } });
    await repo.insertMessage({ conversationId: 'c-turn', role: 'ai', text: 'Hello! How can I help?' });
    const last = await repo.insertMessage({
      conversationId: 'c-turn',
      role: 'visitor',
      text: 'I want a person',
      meta: { asksForHuman: true },
    });

    const context = await repo.turnContext('c-turn');
    expect(context!.detail).toEqual(await repo.detail('c-turn'));
    expect(context!.detail.visitor).toMatchObject({ name: 'Dana', verified: true });
    expect(context!.transcript).toEqual([
      { id: first.message.id, role: 'visitor', text: 'Hi there', meta: { sentiment: { score: -0.2 } } },
      { id: expect.any(String), role: 'ai', text: 'Hello! How can I help?', meta: {} },
      { id: last.message.id, role: 'visitor', text: 'I want a person', meta: { asksForHuman: true } },
    ]);
  });

  it('is null for a conversation that does not exist, and empty before the first message', async () => {
    const repo = createConversationRepository(tdb.db);
    expect(await repo.turnContext('c-missing')).toBeNull();
    await repo.ensure({ conversationId: 'c-empty', visitorId: 'v-empty' });
    expect((await repo.turnContext('c-empty'))!.transcript).toEqual([]);
  });
});
