import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DomainEvents } from '../../protocol/events.js';
import type { DomainEventMap } from '../../server/events/event-bus.js';
import { createConversationService } from '../../server/conversations/conversation-service.js';
import { createEventBus } from '../../server/events/event-bus.js';
import { dbKind, openTestDb, type TestDb } from '../helpers/test-db.js';

/**
 * An AI or system message is stored in one statement that also brings its conversation back, so
 * listeners and webhooks get the conversation as the insert left it, with no read before it.
 */
describe(`posting a bot message (${dbKind})`, () => {
  let tdb: TestDb;

  beforeAll(async () => {
    tdb = await openTestDb();
  });
  afterAll(async () => {
    await tdb?.dispose();
  });

  it('announces the message with its conversation as stored, touched by the insert', async () => {
    const bus = createEventBus((_event, err) => {
      throw err;
    });
    const seen: DomainEventMap['message.created'][] = [];
    bus.on(DomainEvents.messageCreated, (e) => void seen.push(e));
    const conversations = createConversationService({ db: tdb.db, bus });
    const before = await conversations.repo.ensure({ conversationId: 'c-bot', visitorId: 'v-bot' });
    await conversations.repo.setLanguage('c-bot', 'de');

    const message = await conversations.postBotMessage({ conversationId: 'c-bot', role: 'ai', text: 'Hallo!' });
    expect(message).toMatchObject({ conversationId: 'c-bot', role: 'ai', text: 'Hallo!', authorName: 'Firstline AI' });
    expect(seen).toHaveLength(1);
    const { conversation } = seen[0]!;
    expect(conversation).toEqual({ ...(await conversations.repo.get('c-bot')), updatedAt: conversation.updatedAt });
    expect(conversation).toMatchObject({ id: 'c-bot', status: 'bot', language: 'de', visitorId: 'v-bot' });
    expect(Date.parse(conversation.updatedAt)).toBeGreaterThanOrEqual(Date.parse(before!.updatedAt));
  });

  it('says the conversation was not found when it does not exist, and stores nothing', async () => {
    const bus = createEventBus(() => undefined);
    const conversations = createConversationService({ db: tdb.db, bus });
    await expect(
      conversations.postBotMessage({ conversationId: 'c-gone', role: 'system', text: 'x' }),
    ).rejects.toMatchObject({
      status: 404,
      message: 'Conversation was not found.',
    });
    const { rows } = await tdb.db.query<{ n: number }>(
      "SELECT count(*)::int AS n FROM messages WHERE conversation_id = 'c-gone'",
    );
    expect(rows[0]!.n).toBe(0);
  });
});
