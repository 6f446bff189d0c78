/**
 * `npm run bench -- node-kill [--visitors=90] [--rate=15] [--seconds=14] [--kill-at=6] [--llm-ms=1200] [--offline]
 * [--grace=20]`
 *
 * Three server processes on one PostgreSQL and one Redis (a cluster), visitors spread over them, a
 * steady message rate; `--kill-at` seconds in, one node is killed with SIGKILL (no shutdown, as a
 * crashed machine). Its visitors reconnect to the other nodes with their session token and the id
 * of the last message they have (as the widget does) and re-send what was never acknowledged (same
 * clientMessageId). Measured: for the messages the dead node held unanswered, the time from the
 * kill to their answer (p50/p99/max), how many were never answered ("lost") and how many were
 * answered twice ("doubled"); the same counts for every message; reconnect times.
 *
 * Answers come from a local OpenAI-compatible server that takes `--llm-ms` to reply (`--offline`:
 * the bundled offline answers instead), so that turns are in flight when the node dies; that is the
 * case the lease decides. NODE_KILL_TRACE=1 prints, per message the dead node held, when it was sent
 * and answered relative to the kill.
 */
import { io, type Socket } from 'socket.io-client';
import { createClient } from 'redis';
import { FakeOpenAiServer } from '../tests/helpers/fake-openai-server.js';
import { freshBenchDatabase } from './bench-database.js';
import { parseBenchFlags } from './bench-flags.js';
import { percentile, round } from './bench-result.js';
import { DEMO_QUESTIONS } from './demo-questions.js';
import { spawnBenchServer, type BenchServer } from './spawn-bench-server.js';

interface Sent {
  clientMessageId: string;
  text: string;
  visitor: number;
  /** Index of the node the visitor was on when it sent. */
  node: number;
  sentAt: number;
  id?: string;
  acked: boolean;
  /** AI message ids that replied to it (more than one: answered twice). */
  answers: Set<string>;
  answeredAt?: number;
  handedOff: boolean;
}

interface Visitor {
  index: number;
  socket: Socket;
  node: number;
  token?: string;
  lastMessageId?: string;
  waiting: Sent | null;
  /** Questions asked so far: each message asks the next demo question (the same one again would be a loop). */
  asked: number;
}

const ANSWER = 'Open Settings > Team and click Invite [1].';

export async function benchNodeKill(args: string[] = []): Promise<Record<string, unknown>> {
  const f = parseBenchFlags(args, {
    visitors: 90,
    rate: 15,
    seconds: 14,
    'kill-at': 6,
    'llm-ms': 1200,
    offline: false,
    grace: 20,
  });
  const o = {
    visitors: Number(f.visitors),
    rate: Number(f.rate),
    seconds: Number(f.seconds),
    killAt: Number(f['kill-at']),
    llmMs: f.offline === true ? 0 : Number(f['llm-ms']),
    graceSeconds: Number(f.grace),
  };
  const redisUrl = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
  const redis = createClient({ url: redisUrl, socket: { reconnectStrategy: false, connectTimeout: 2000 } });
  redis.on('error', () => undefined);
  try {
    await redis.connect();
    await redis.quit();
  } catch (err) {
    console.warn(
      `[node-kill] skipped: Redis not reachable at ${redisUrl}: ${err instanceof Error ? err.message : err}`,
    );
    return { options: o, skipped: `Redis not reachable at ${redisUrl}` };
  }
  const pg = await freshBenchDatabase('firstline_bench_node_kill');
  if (pg.url === null) {
    console.warn(`[node-kill] skipped: ${pg.reason}`);
    return { options: o, skipped: pg.reason };
  }
  const llm = await new FakeOpenAiServer().start();
  // The streamed answer takes --llm-ms; the intent check (not streamed) a quarter of that and names no intent.
  llm.reply = (body) =>
    body.stream ? { text: ANSWER, delayMs: o.llmMs } : { text: '{"intent":"none"}', delayMs: o.llmMs / 4 };
  const env: Record<string, string> = { DATABASE_URL: pg.url, REDIS_URL: redisUrl };
  if (o.llmMs > 0)
    Object.assign(env, {
      OPENAI_API_KEY: 'bench-key',
      OPENAI_BASE_URL: llm.url,
      OPENAI_CHAT_MODEL: 'fake-model',
      OPENAI_TIMEOUT_MS: '60000',
    });
  const nodes: BenchServer[] = [];
  const visitors: Visitor[] = [];
  try {
    // The first node migrates and seeds; the others then start on the ready database.
    nodes.push(await spawnBenchServer(env));
    nodes.push(...(await Promise.all([spawnBenchServer(env), spawnBenchServer(env)])));
    const result = await run(nodes, visitors, o);
    return { options: o, ...result };
  } finally {
    for (const v of visitors) v.socket.close();
    await Promise.all(nodes.map((n) => n.stop()));
    await llm.stop();
    await pg.drop();
  }
}

async function run(
  nodes: BenchServer[],
  visitors: Visitor[],
  o: { visitors: number; rate: number; seconds: number; killAt: number; graceSeconds: number },
): Promise<Record<string, unknown>> {
  const sent: Sent[] = [];
  const byId = new Map<string, Sent>();
  /** AI replies that arrived before the ack told us which message they answer. */
  const early = new Map<string, Array<{ id: string; at: number }>>();
  const dead = new Set<number>();
  const reconnectMs: number[] = [];
  let seq = 0;
  let killedAt = 0;

  const onAnswer = (replyTo: string, id: string, at: number) => {
    const s = byId.get(replyTo);
    if (!s) {
      early.set(replyTo, [...(early.get(replyTo) ?? []), { id, at }]);
      return;
    }
    s.answers.add(id);
    s.answeredAt ??= at;
    const v = visitors[s.visitor]!;
    if (v.waiting === s) v.waiting = null;
  };

  const emitMessage = (v: Visitor, s: Sent) => {
    v.socket
      .timeout(10_000)
      .emit(
        'message',
        { clientMessageId: s.clientMessageId, text: s.text },
        (err: Error | null, ack?: { ok: boolean; id?: string }) => {
          // No ack (the node died first): sent again with the same clientMessageId after the reconnect.
          if (err || !ack?.ok || !ack.id) return;
          s.acked = true;
          s.id = ack.id;
          byId.set(ack.id, s);
          for (const a of early.get(ack.id) ?? []) onAnswer(ack.id, a.id, a.at);
          early.delete(ack.id);
        },
      );
  };

  const connectTo = (v: Visitor, node: number): Promise<void> => {
    const socket = io(`${nodes[node]!.url}/visitor`, {
      transports: ['websocket'],
      forceNew: true,
      reconnection: false,
      auth: {
        page: { url: 'http://localhost/team', title: 'Team' },
        ...(v.token ? { token: v.token } : {}),
        ...(v.lastMessageId ? { lastMessageId: v.lastMessageId } : {}),
      },
    });
    v.socket = socket;
    v.node = node;
    socket.on('message', (m: { id: string; role: string; replyTo?: string }) => {
      v.lastMessageId = m.id;
      if (m.role === 'ai' && m.replyTo) onAnswer(m.replyTo, m.id, performance.now());
    });
    socket.on('handoff', () => {
      if (v.waiting) v.waiting.handedOff = true;
      v.waiting = null;
    });
    socket.on('disconnect', () => {
      if (socket !== v.socket || !dead.has(node)) return;
      // Like the widget: straight to another node, with the token and the last message seen.
      const survivors = nodes.map((_, i) => i).filter((i) => !dead.has(i));
      const t0 = performance.now();
      void connectTo(v, survivors[v.index % survivors.length]!).then(() => {
        reconnectMs.push(performance.now() - t0);
        if (v.waiting && !v.waiting.acked) emitMessage(v, v.waiting);
      });
    });
    return new Promise((resolve, reject) => {
      socket.once('session', (p: { token: string }) => {
        v.token = p.token;
        resolve();
      });
      socket.once('connect_error', (err) =>
        reject(new Error(`visitor could not connect to node ${node}: ${err.message}`)),
      );
    });
  };

  for (let i = 0; i < o.visitors; i++) {
    const v: Visitor = { index: i, socket: null as unknown as Socket, node: i % nodes.length, waiting: null, asked: 0 };
    visitors.push(v);
  }
  await Promise.all(visitors.map((v) => connectTo(v, v.node)));

  const start = performance.now();
  const total = Math.round(o.rate * o.seconds);
  let next = 0;
  let pendingOnDead: Sent[] = [];
  while (sent.length < total) {
    const now = performance.now();
    if (!killedAt && now - start >= o.killAt * 1000) {
      pendingOnDead = sent.filter((s) => s.node === 0 && s.answeredAt === undefined && !s.handedOff);
      killedAt = performance.now();
      dead.add(0);
      await nodes[0]!.kill();
    }
    const owed = Math.min(total, Math.floor(((now - start) / 1000) * o.rate));
    for (let tries = 0; sent.length < owed && tries < visitors.length; tries++) {
      const v = visitors[next]!;
      next = (next + 1) % visitors.length;
      if (v.waiting || !v.socket.connected) continue;
      const s: Sent = {
        clientMessageId: `kill-${process.pid}-${++seq}`,
        text: DEMO_QUESTIONS[(v.index + v.asked++) % DEMO_QUESTIONS.length]!,
        visitor: v.index,
        node: v.node,
        sentAt: performance.now(),
        acked: false,
        answers: new Set(),
        handedOff: false,
      };
      sent.push(s);
      v.waiting = s;
      emitMessage(v, s);
    }
    await new Promise((r) => setTimeout(r, 10));
  }
  const graceUntil = performance.now() + o.graceSeconds * 1000;
  const open = () => sent.filter((s) => s.answeredAt === undefined && !s.handedOff).length;
  while (open() > 0 && performance.now() < graceUntil) await new Promise((r) => setTimeout(r, 20));
  // A little longer: a second answer to the same message would come now.
  await new Promise((r) => setTimeout(r, 2500));

  const summary = (list: Sent[], from: (s: Sent) => number) => {
    const times = list.filter((s) => s.answeredAt !== undefined).map((s) => s.answeredAt! - from(s));
    return {
      messages: list.length,
      answered: times.length,
      handedOff: list.filter((s) => s.answeredAt === undefined && s.handedOff).length,
      lost: list.filter((s) => s.answeredAt === undefined && !s.handedOff).length,
      doubled: list.filter((s) => s.answers.size > 1).length,
      ms: { p50: round(percentile(times, 0.5)), p99: round(percentile(times, 0.99)), max: round(percentile(times, 1)) },
    };
  };
  if (process.env.NODE_KILL_TRACE)
    for (const s of pendingOnDead)
      process.stdout.write(
        `  sent ${round(s.sentAt - killedAt)} acked ${s.acked} answered ` +
          `${s.answeredAt === undefined ? '-' : round(s.answeredAt - killedAt)}\n`,
      );
  const deadNode = summary(pendingOnDead, () => killedAt);
  const all = summary(sent, (s) => s.sentAt);
  process.stdout.write(
    `[node-kill] ${pendingOnDead.length} messages unanswered on the killed node: ` +
      `answered ${deadNode.answered}, lost ${deadNode.lost}, ` +
      `doubled ${deadNode.doubled}, handed off ${deadNode.handedOff}; ` +
      `kill to answer p50 ${deadNode.ms.p50} p99 ${deadNode.ms.p99} max ${deadNode.ms.max} ms\n` +
      (`[node-kill] all ${all.messages} messages: lost ${all.lost}, doubled ${all.doubled}, ` +
        `handed off ${all.handedOff}; send to answer p99 ${all.ms.p99} ms; ` +
        `reconnect p99 ${round(percentile(reconnectMs, 0.99))} ms (${reconnectMs.length} visitors)\n`),
  );
  return {
    deadNodePending: deadNode,
    allMessages: all,
    reconnects: {
      visitors: reconnectMs.length,
      p50: round(percentile(reconnectMs, 0.5)),
      p99: round(percentile(reconnectMs, 0.99)),
      max: round(percentile(reconnectMs, 1)),
    },
    targets: { deadNodePendingP99Ms: 5000, lost: 0, doubled: 0 },
  };
}
