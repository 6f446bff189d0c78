/**
 * Handoff latency: from the visitor message that triggers a handoff to the first agent console
 * receiving it, with 200 visitor sockets and 20 agents connected. The baseline measured in the
 * same run is the visitor's own ack (message stored), so the ratio shows what the pipeline,
 * handoff and fan-out add.
 */
import { io, type Socket } from 'socket.io-client';
import { spawnBenchServer } from './spawn-bench-server.js';
import { freshBenchDatabase } from './bench-database.js';
import { percentile, round } from './bench-result.js';

const VISITORS = Number(process.env.BENCH_VISITORS ?? 200);
const AGENTS = Number(process.env.BENCH_AGENTS ?? 20);
/** Messages per second across all visitors: a busy support desk, not a flood. */
const RATE = Number(process.env.BENCH_RATE ?? 25);

export async function benchRoutingLatency(): Promise<Record<string, unknown>> {
  const results: Record<string, unknown> = {};
  results.pglite = await measure({});
  const pgDb = await freshBenchDatabase('firstline_bench_routing');
  if (pgDb.url === null) {
    console.warn(`[routing-latency] PostgreSQL part skipped: ${pgDb.reason}`);
    results.postgres = { skipped: pgDb.reason };
  } else {
    try {
      results.postgres = await measure({ DATABASE_URL: pgDb.url });
    } finally {
      await pgDb.drop();
    }
  }
  return results;
}

async function measure(env: Record<string, string>): Promise<Record<string, unknown>> {
  const server = await spawnBenchServer(env);
  const sockets: Socket[] = [];
  try {
    const admin = (await (
      await fetch(`${server.url}/api/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email: server.adminEmail, password: 'bench-password' }),
      })
    ).json()) as { token: string };
    const seenAt = new Map<string, number>();
    for (let i = 0; i < AGENTS; i++) {
      const email = `bench-agent-${i}@bench.local`;
      await fetch(`${server.url}/api/agents`, {
        method: 'POST',
        headers: { authorization: `Bearer ${admin.token}`, 'content-type': 'application/json' },
        body: JSON.stringify({
          email,
          name: `Agent ${i}`,
          password: 'bench-password',
          role: 'agent',
          skills: ['general', 'billing', 'technical'],
          maxConcurrent: 20,
        }),
      });
      const login = (await (
        await fetch(`${server.url}/api/auth/login`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ email, password: 'bench-password' }),
        })
      ).json()) as { token: string };
      const s = io(`${server.url}/agent`, { auth: { token: login.token }, transports: ['websocket'], forceNew: true });
      s.on('handoff', (h: { conversationId: string }) => {
        if (!seenAt.has(h.conversationId)) seenAt.set(h.conversationId, performance.now());
      });
      await new Promise<void>((r) => s.once('connect', () => r()));
      sockets.push(s);
    }

    const visitors: Array<{ s: Socket; id: string }> = [];
    await Promise.all(
      Array.from({ length: VISITORS }, async () => {
        const s = io(`${server.url}/visitor`, { transports: ['websocket'], forceNew: true });
        const session = await new Promise<{ conversationId: string }>((r) => s.once('session', r));
        visitors.push({ s, id: session.conversationId });
        sockets.push(s);
      }),
    );

    const ackMs: number[] = [];
    const handoffMs: number[] = [];
    const sentAt = new Map<string, number>();
    const started = performance.now();
    await Promise.all(
      visitors.map(async (v, i) => {
        await new Promise((r) => setTimeout(r, (i * 1000) / RATE));
        const t0 = performance.now();
        sentAt.set(v.id, t0);
        await v.s
          .timeout(30_000)
          .emitWithAck('message', { clientMessageId: 'bench-1', text: 'I want to talk to a person please' });
        ackMs.push(performance.now() - t0);
      }),
    );
    const deadline = performance.now() + 30_000;
    while (seenAt.size < visitors.length && performance.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    for (const [id, t0] of sentAt) {
      const t1 = seenAt.get(id);
      if (t1 !== undefined) handoffMs.push(t1 - t0);
    }
    const p = (v: number[], q: number) => round(percentile(v, q));
    return {
      visitors: VISITORS,
      agents: AGENTS,
      ratePerSecond: RATE,
      wallSeconds: round((performance.now() - started) / 1000),
      handoffsReceived: handoffMs.length,
      messageToAgentHandoff: { p50Ms: p(handoffMs, 0.5), p99Ms: p(handoffMs, 0.99), maxMs: p(handoffMs, 1) },
      baselineMessageAck: { p50Ms: p(ackMs, 0.5), p99Ms: p(ackMs, 0.99) },
      ratioP99: round(percentile(handoffMs, 0.99) / Math.max(0.001, percentile(ackMs, 0.99))),
      targetP99Ms: 50,
    };
  } finally {
    for (const s of sockets) s.close();
    await server.stop();
  }
}
