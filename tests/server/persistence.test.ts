import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { ChatMessage } from '../../protocol/domain.js';
import { createLogger } from '../../server/logger.js';
import { startServer } from '../../server/start-server.js';
import { connect, emitAck, login, nextEvent, testConfig } from '../helpers/test-server.js';

describe('a restart keeps everything (PGlite in DATA_DIR)', () => {
  let dir: string;
  afterAll(async () => {
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('keeps conversations, messages and the knowledge base across a restart', async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'firstline-data-'));
    const config = testConfig({ DATA_DIR: dir });
    const first = await startServer(config, { log: createLogger('silent') });
    const visitor = await connect(`${first.url}/visitor`, {});
    const session = await nextEvent<{ conversationId: string; token: string }>(visitor, 'session');
    const answered = nextEvent<ChatMessage>(visitor, 'message', (m) => m.role === 'ai');
    await emitAck(visitor, 'message', { clientMessageId: 'p1', text: 'How do I invite a teammate?' });
    await answered;
    visitor.close();
    const articlesBefore = (await first.kb.listArticles()).length;
    await first.close();

    const second = await startServer(config, { log: createLogger('silent') });
    try {
      expect((await second.kb.listArticles()).length).toBe(articlesBefore);
      const token = await login(second);
      const res = await fetch(`${second.url}/api/conversations/${session.conversationId}`, {
        headers: { authorization: `Bearer ${token}` },
      });
      expect(res.status).toBe(200);
      const conv = (await res.json()) as { messages: ChatMessage[] };
      expect(conv.messages.map((m) => m.role)).toEqual(['visitor', 'ai']);
      // The visitor's token still opens the same conversation after the restart.
      const back = await connect(`${second.url}/visitor`, { token: session.token });
      expect((await nextEvent<{ conversationId: string }>(back, 'session')).conversationId).toBe(
        session.conversationId,
      );
      back.close();
    } finally {
      await second.close();
    }
  }, 90_000);
});
