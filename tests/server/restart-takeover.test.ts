import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { ChatMessage } from '../../protocol/domain.js';
import { createTokenService, resolveAuthSecret } from '../../server/auth/tokens.js';
import { createUserRepository } from '../../server/auth/user-repository.js';
import { createConversationService } from '../../server/conversations/conversation-service.js';
import { createPgliteDb } from '../../server/db/pglite-db.js';
import { createEventBus } from '../../server/events/event-bus.js';
import { createLogger } from '../../server/logger.js';
import { startServer } from '../../server/start-server.js';
import { connect, nextEvent, testConfig } from '../helpers/test-server.js';

/**
 * The embedded database belongs to one process, so a turn another process held when it stopped
 * can only be from before the restart: it is answered at once, not after its lease.
 */
describe('a restarted embedded-database server takes over the turns its previous run held', () => {
  let dir: string;
  afterAll(async () => {
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('answers a message whose turn the stopped process still held under a 10-minute lease', async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'firstline-takeover-'));
    // 600 s: waiting the lease out would time this test out.
    const config = testConfig({ DATA_DIR: dir, TURN_LEASE_SECONDS: '600' });
    const first = await startServer(config, { log: createLogger('silent') });
    await first.close();

    // What the stopped process left: a stored message whose turn it had started, its lease still running.
    const db = await createPgliteDb(dir);
    const conversations = createConversationService({
      db,
      bus: createEventBus(() => undefined),
      clock: () => new Date(),
    });
    const stored = await conversations.receiveVisitorMessage({
      conversationId: 'c-held',
      visitorId: 'v-held',
      clientMessageId: 'held-1',
      text: 'How do I invite a teammate?',
    });
    await db.query(
      "UPDATE pending_turns SET claim_token = 'previous-run', " +
        "lease_until = now() + interval '600 seconds' WHERE message_id = $1",
      [stored.message.id],
    );
    const tokens = createTokenService({
      secret: await resolveAuthSecret(db),
      agentTtlSeconds: 3600,
      sessions: createUserRepository(db),
    });
    const token = await tokens.signVisitor({ cid: 'c-held', vid: 'v-held' });
    await db.close();

    const second = await startServer(config, { log: createLogger('silent') });
    try {
      // With the id of the last message it has, as the widget sends: whether the answer came before or after, it
      // arrives.
      const visitor = await connect(`${second.url}/visitor`, { token, lastMessageId: stored.message.id });
      const answer = nextEvent<ChatMessage>(
        visitor,
        'message',
        (m) => m.role === 'ai' && m.replyTo === stored.message.id,
      );
      await nextEvent(visitor, 'session');
      expect((await answer).text).toContain('Invite');
      visitor.close();
    } finally {
      await second.close();
    }
  }, 60_000);
});
