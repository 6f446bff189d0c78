import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Socket } from 'socket.io-client';
import type { ChatMessage } from '../../protocol/domain.js';
import { spawnBenchServer, type BenchServer } from '../../bench/spawn-bench-server.js';
import { createPgDb } from '../../server/db/pg-db.js';
import { migrate } from '../../server/db/migrate.js';
import type { Db } from '../../server/db/db.js';
import type { RunningServer } from '../../server/start-server.js';
import { FakeOpenAiServer } from '../helpers/fake-openai-server.js';
import { connect, emitAck, login, nextEvent, startTestServer } from '../helpers/test-server.js';

const PG_URL = process.env.TEST_DATABASE_URL;

/**
 * A node killed (SIGKILL, no shutdown) while it runs a visitor's turn: another node answers that
 * message, once, within seconds. Two processes can share only a real PostgreSQL: the embedded
 * database belongs to one process.
 * - Without Redis the nodes cannot see each other: the dead node's short default lease (3 s)
 *   runs out and the next turn sweep takes the turn.
 * - With Redis (a cluster) the survivor sees the dead node is gone from the cluster and takes its
 *   turn at once: even a 10-minute lease does not hold it back.
 */
const CASES = [
  { title: 'no cluster: after the 3 s default lease', env: {} as Record<string, string>, withinMs: 10_000 },
  {
    title: 'a Redis cluster: at once, though the lease is 10 minutes',
    env: {
      REDIS_URL: process.env.REDIS_URL ?? 'redis://127.0.0.1:6379',
      CLUSTER_CHANNEL: `test-${randomUUID()}`,
      TURN_LEASE_SECONDS: '600',
    },
    withinMs: 10_000,
  },
];

describe.skipIf(!PG_URL).each(CASES)(
  "a dead node's pending turn is answered by another node (pg, two processes; $title)",
  ({ env: clusterEnv, withinMs }) => {
    const fake = new FakeOpenAiServer();
    const schema = `t_${randomUUID().replace(/-/g, '').slice(0, 16)}`;
    let db: Db;
    let dying: BenchServer;
    let survivor: RunningServer;
    const sockets: Socket[] = [];

    beforeAll(async () => {
      await fake.start();
      const admin = await createPgDb({ connectionString: PG_URL!, max: 1 });
      await admin.exec(`CREATE SCHEMA ${schema}`);
      await admin.close();
      db = await createPgDb({ connectionString: PG_URL!, max: 5, options: `-c search_path=${schema},public` });
      await migrate(db);
    });
    afterAll(async () => {
      for (const s of sockets) s.close();
      await dying?.kill();
      await survivor?.close();
      await db?.close();
      const cleanup = await createPgDb({ connectionString: PG_URL!, max: 1 });
      await cleanup.exec(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
      await cleanup.close();
      await fake.stop();
    });

    it('answers the message the killed node was answering, exactly once', async () => {
      const env = {
        OPENAI_API_KEY: 'test-key',
        OPENAI_BASE_URL: fake.url,
        OPENAI_CHAT_MODEL: 'fake-model',
        OPENAI_TIMEOUT_MS: '60000',
        ...clusterEnv,
      };
      const url = new URL(PG_URL!);
      url.searchParams.set('options', `-c search_path=${schema},public`);
      // The first answer hangs (the node dies while waiting for the model); later ones come at once.
      let streams = 0;
      fake.reply = (body) =>
        body.stream
          ? ++streams === 1
            ? { text: 'never sent', delayMs: 60_000 }
            : { text: 'Open Settings > Team and click Invite [1].' }
          : { status: 500 };
      dying = await spawnBenchServer({ ...env, DATABASE_URL: url.toString(), SEED_DEMO: '1' });
      survivor = await startTestServer(db, env, { startWorkers: true });

      const v = await connect(`${dying.url}/visitor`, {});
      sockets.push(v);
      const { conversationId, token } = await nextEvent<{ conversationId: string; token: string }>(v, 'session');
      const ack = (await emitAck(v, 'message', {
        clientMessageId: 'dying-1',
        text: 'How do I invite a teammate?',
      })) as { ok: boolean; id: string };
      expect(ack.ok).toBe(true);
      const deadline = Date.now() + 20_000;
      while (streams < 1 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
      expect(streams, 'the dying node asked the model').toBe(1);
      await dying.kill();

      // The visitor's widget reconnects to the surviving node with its token.
      const again = await connect(`${survivor.url}/visitor`, { token });
      sockets.push(again);
      const answers: ChatMessage[] = [];
      again.on('message', (m: ChatMessage) => m.role === 'ai' && m.replyTo === ack.id && answers.push(m));
      await nextEvent(again, 'session');
      // Room for a loaded machine; what must not happen is waiting out a long lease (30 s before, 600 s in the cluster
      // case).
      const until = Date.now() + withinMs;
      while (answers.length === 0 && Date.now() < until) await new Promise((r) => setTimeout(r, 20));
      expect(answers.map((m) => m.text)).toEqual(['Open Settings > Team and click Invite [1].']);

      // A few more sweeps: nothing runs it again.
      await new Promise((r) => setTimeout(r, 2500));
      await survivor.idle();
      const res = await survivor.app.request(`/api/conversations/${conversationId}`, {
        headers: { authorization: `Bearer ${await login(survivor)}` },
      });
      const c = (await res.json()) as { messages: ChatMessage[] };
      expect(c.messages.map((m) => m.role)).toEqual(['visitor', 'ai']);
      expect(streams).toBe(2);
      expect((await db.query<{ n: number }>('SELECT count(*)::int AS n FROM pending_turns')).rows[0]!.n).toBe(0);
    }, 90_000);
  },
);
