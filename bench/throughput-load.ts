/**
 * The throughput benchmark's load generator, in its own process (forked by bench/throughput.ts,
 * driven over IPC): N visitor sockets, then steps of "send at this rate for this long" across them,
 * timing each message from `emit` to the AI answer that replies to it (`replyTo`).
 */
import { DEMO_QUESTIONS } from './demo-questions.js';
import { io, type Socket } from 'socket.io-client';
import { percentile, round } from './bench-result.js';

/**
 * Questions the demo knowledge base answers; each conversation asks each once, then a new visitor takes the socket's
 * place.
 */
export const LOAD_QUESTIONS = DEMO_QUESTIONS;

export type LoadCommand =
  | { type: 'connect'; url: string; sockets: number }
  | { type: 'step'; rate: number; seconds: number; graceSeconds: number }
  | { type: 'close' };

export interface StepLoad {
  sent: number;
  /** Messages of this step answered by the AI before the grace period ended. */
  answered: number;
  handoffs: number;
  /** Messages refused by the server (`{ok:false}` acks) or never acknowledged. */
  rejected: number;
  unanswered: number;
  disconnects: number;
  sendRatePerSecond: number;
  answeredPerSecond: number;
  latencyMs: { p50: number; p90: number; p99: number; max: number };
}

interface Visitor {
  socket: Socket;
  asked: number;
  /** Server message id -> sent at; clientMessageId -> sent at until the ack names the id. */
  byId: Map<string, number>;
  /** AI answers that arrived before their message's ack (replyTo -> arrived at). */
  early: Map<string, number>;
  handedOff: boolean;
  replacing?: boolean;
  /** Messages sent and neither answered nor refused yet. */
  waiting: number;
}

const TICK_MS = 10;
let url = '';
let visitors: Visitor[] = [];
let seq = 0;
let disconnects = 0;
/** Replaced visitors still waiting for answers: closed once the last one is in (or at `close`). */
const retiring = new Set<Visitor>();
/** The current step's bookkeeping; answers to earlier steps' messages are ignored. */
let step: {
  latencies: number[];
  handoffs: number;
  rejected: number;
  pending: Set<string>;
  firstAt: number;
  lastAt: number;
} | null = null;

function connectVisitor(): Promise<Visitor> {
  const socket = io(`${url}/visitor`, {
    transports: ['websocket'],
    forceNew: true,
    reconnection: false,
    auth: { page: { url: 'http://localhost/billing', title: 'Billing' } },
  });
  const v: Visitor = { socket, asked: 0, byId: new Map(), early: new Map(), handedOff: false, waiting: 0 };
  socket.on('message', (m: { role: string; replyTo?: string }) => {
    if (m.role !== 'ai' || !m.replyTo) return;
    const at = performance.now();
    const sentAt = v.byId.get(m.replyTo);
    if (sentAt === undefined) v.early.set(m.replyTo, at);
    else answered(v, m.replyTo, sentAt, at);
  });
  socket.on('handoff', () => {
    if (!v.handedOff && step) step.handoffs++;
    v.handedOff = true;
    // No AI answer will come: a replaced visitor has nothing left to wait for.
    if (retiring.delete(v)) v.socket.close();
  });
  socket.on('disconnect', (reason) => {
    if (reason !== 'io client disconnect') disconnects++;
  });
  return new Promise((resolve, reject) => {
    socket.once('session', () => resolve(v));
    socket.once('connect_error', (err) =>
      reject(new Error(`visitor socket could not connect to ${url}: ${err.message}`)),
    );
  });
}

function answered(v: Visitor, id: string, sentAt: number, at: number) {
  v.byId.delete(id);
  settled(v);
  if (!step?.pending.delete(id)) return;
  step.latencies.push(at - sentAt);
  step.firstAt = Math.min(step.firstAt, at);
  step.lastAt = Math.max(step.lastAt, at);
}

/** One of the visitor's messages was answered or refused. */
function settled(v: Visitor): void {
  v.waiting = Math.max(0, v.waiting - 1);
  if (v.waiting === 0 && retiring.delete(v)) v.socket.close();
}

/**
 * The socket's conversation has asked everything or was handed off: a new visitor takes its place.
 * The old socket stays open until the answers it is owed have arrived (closing it at once made them
 * look unanswered under load, a knee of the load generator's own).
 */
function replace(i: number): void {
  const old = visitors[i]!;
  old.replacing = true;
  if (old.waiting > 0 && !old.handedOff) retiring.add(old);
  else old.socket.close();
  connectVisitor().then(
    (v) => (visitors[i] = v),
    (err: Error) => process.stderr.write(`[throughput-load] ${err.message}\n`),
  );
}

/** Sends the next question on visitor `i`; false when it cannot send now (being replaced). */
function send(i: number): boolean {
  const v = visitors[i]!;
  if (v.replacing) return false;
  if (v.handedOff || v.asked >= LOAD_QUESTIONS.length || !v.socket.connected) {
    replace(i);
    return false;
  }
  const text = LOAD_QUESTIONS[v.asked++]!;
  v.waiting++;
  const clientMessageId = `load-${process.pid}-${++seq}`;
  const sentAt = performance.now();
  const current = step!;
  v.socket
    .timeout(10_000)
    .emit('message', { clientMessageId, text }, (err: Error | null, ack?: { ok: boolean; id?: string }) => {
      if (err || !ack?.ok || !ack.id) {
        current.rejected++;
        settled(v);
        return;
      }
      current.pending.add(ack.id);
      const early = v.early.get(ack.id);
      if (early !== undefined) {
        v.early.delete(ack.id);
        answered(v, ack.id, sentAt, early);
      } else v.byId.set(ack.id, sentAt);
    });
  return true;
}

async function runStep(rate: number, seconds: number, graceSeconds: number): Promise<StepLoad> {
  step = { latencies: [], handoffs: 0, rejected: 0, pending: new Set(), firstAt: Infinity, lastAt: 0 };
  const current = step;
  const disconnectsBefore = disconnects;
  const total = Math.round(rate * seconds);
  const start = performance.now();
  let sent = 0;
  let next = 0;
  while (sent < total) {
    const owed = Math.min(total, Math.floor(((performance.now() - start) / 1000) * rate));
    // Round robin over the visitors that can send (the others are being replaced).
    for (let tries = 0; sent < owed && tries < visitors.length; tries++) {
      if (send(next)) sent++;
      next = (next + 1) % visitors.length;
    }
    await new Promise((r) => setTimeout(r, TICK_MS));
  }
  const sendSeconds = (performance.now() - start) / 1000;
  const graceUntil = performance.now() + graceSeconds * 1000;
  const outstanding = () => total - current.latencies.length - current.rejected - current.handoffs;
  while (outstanding() > 0 && performance.now() < graceUntil) await new Promise((r) => setTimeout(r, TICK_MS));
  step = null;
  const l = current.latencies;
  return {
    sent: total,
    answered: l.length,
    handoffs: current.handoffs,
    rejected: current.rejected,
    unanswered: Math.max(0, outstanding()),
    disconnects: disconnects - disconnectsBefore,
    sendRatePerSecond: round(total / sendSeconds),
    // The rate answers came back at: n answers span n-1 intervals from the first to the last. A
    // server that keeps up answers as fast as it is asked; one that falls behind spreads them out.
    answeredPerSecond:
      l.length > 1
        ? round(Math.min(rate, (l.length - 1) / Math.max(1e-3, (current.lastAt - current.firstAt) / 1000)))
        : 0,
    latencyMs: {
      p50: round(percentile(l, 0.5)),
      p90: round(percentile(l, 0.9)),
      p99: round(percentile(l, 0.99)),
      max: round(percentile(l, 1)),
    },
  };
}

async function handle(cmd: LoadCommand): Promise<unknown> {
  if (cmd.type === 'connect') {
    url = cmd.url;
    const t0 = performance.now();
    // In batches, so the server is not measured accepting a stampede.
    for (let i = 0; i < cmd.sockets; i += 50)
      visitors.push(...(await Promise.all(Array.from({ length: Math.min(50, cmd.sockets - i) }, connectVisitor))));
    return { type: 'connected', sockets: visitors.length, ms: round(performance.now() - t0) };
  }
  if (cmd.type === 'step') return { type: 'step', ...(await runStep(cmd.rate, cmd.seconds, cmd.graceSeconds)) };
  for (const v of [...visitors, ...retiring]) v.socket.close();
  visitors = [];
  retiring.clear();
  return { type: 'closed' };
}

process.on('message', (cmd: LoadCommand) => {
  handle(cmd)
    .then((reply) => {
      process.send!(reply);
      if (cmd.type === 'close') process.disconnect();
    })
    .catch((err: unknown) =>
      process.send!({ type: 'error', message: err instanceof Error ? err.message : String(err) }),
    );
});
