import { signal } from '@preact/signals';
import { afterEach, describe, expect, it } from 'vitest';
import type { ApiClient } from '../../console/api/client.js';
import type { ConversationDetail, MessageSentiment, ScoredMessage, User } from '../../console/api/types.js';
import { mergeMessages } from '../../console/lib/messages.js';
import { sentimentSeries } from '../../console/lib/sparkline.js';
import { ConversationModel } from '../../console/models/conversation-model.js';
import type { Realtime } from '../../console/models/realtime-model.js';
import type { AgentServerToClient } from '../../protocol/agent-socket.js';
import { detail, message } from './fixtures.js';

const ME: User = { id: 'u1', email: 'me@test.local', name: 'Me', role: 'agent' };

const scored = (smoothed: number, trend = 0, count = 1): MessageSentiment => ({
  score: smoothed,
  trajectory: { smoothed, trend, count },
});

/** Just what the conversation model uses of the agent socket, with a way to push server events. */
function fakeRealtime() {
  const handlers = new Map<string, Set<(p: unknown) => void>>();
  const realtime = {
    connects: signal(1),
    on(event: string, handler: (p: unknown) => void) {
      const set = handlers.get(event) ?? new Set();
      handlers.set(event, set.add(handler));
      return () => void set.delete(handler);
    },
  };
  function push<E extends keyof AgentServerToClient>(event: E, payload: Parameters<AgentServerToClient[E]>[0]) {
    for (const h of handlers.get(event) ?? []) h(payload);
  }
  return {
    realtime: realtime as unknown as Realtime,
    push,
    listeners: () => [...handlers.values()].reduce((n, s) => n + s.size, 0),
  };
}

function detailWith(messages: ScoredMessage[]): ConversationDetail {
  return detail({ id: 'c1', visitor: { id: 'v1', name: 'Vi', verified: false }, messages });
}

const open: Array<{ [Symbol.dispose](): void }> = [];
afterEach(() => {
  for (const m of open.splice(0)) m[Symbol.dispose]();
});

async function openConversation(messages: ScoredMessage[]) {
  const rt = fakeRealtime();
  const api = { getConversation: async () => detailWith(messages) } as unknown as ApiClient;
  const model = new ConversationModel({ api, realtime: rt.realtime, me: ME, id: 'c1' });
  open.push(model);
  await expect.poll(() => model.detail.value).not.toBeNull();
  return { model, ...rt };
}

describe('live sentiment in the conversation model', () => {
  it('starts from the scores the detail carries', async () => {
    const { model } = await openConversation([message({ id: 'v1', sentiment: scored(0.3) })]);
    expect(model.sentiment.value).toEqual([0.3]);
  });

  it('a new visitor message, then its score over the socket, moves the series', async () => {
    const { model, push } = await openConversation([message({ id: 'v1', sentiment: scored(0.3) })]);
    push(
      'message',
      message({ id: 'v2', text: 'This is useless, I am furious', createdAt: '2025-01-01T10:02:00.000Z' }),
    );
    expect(model.messages.value.map((m) => m.id)).toEqual(['v1', 'v2']);
    expect(model.sentiment.value).toEqual([0.3]); // not scored yet
    push('message:sentiment', { conversationId: 'c1', messageId: 'v2', sentiment: scored(-0.45, -0.75, 2) });
    expect(model.sentiment.value).toEqual([0.3, -0.45]);
  });

  it('takes a score that arrives before its message, and ignores other conversations', async () => {
    const { model, push } = await openConversation([]);
    push('message:sentiment', { conversationId: 'other', messageId: 'x1', sentiment: scored(-0.9) });
    push('message:sentiment', { conversationId: 'c1', messageId: 'v9', sentiment: scored(-0.6) });
    expect(model.sentiment.value).toEqual([]);
    push('message', message({ id: 'v9' }));
    expect(model.sentiment.value).toEqual([-0.6]);
  });

  it('stops listening when disposed', async () => {
    const { model, listeners } = await openConversation([]);
    expect(listeners()).toBeGreaterThan(0);
    open.splice(open.indexOf(model), 1);
    model[Symbol.dispose]();
    expect(listeners()).toBe(0);
  });
});

describe('sentiment series helpers', () => {
  it('prefers a pushed score over the message’s own', () => {
    const msgs = [message({ id: 'a', sentiment: scored(0.5) }), message({ id: 'b' })];
    expect(sentimentSeries(msgs, new Map([['b', scored(-0.2)]]))).toEqual([0.5, -0.2]);
    expect(sentimentSeries(msgs, new Map([['a', scored(0.1)]]))).toEqual([0.1]);
  });

  it('a socket copy of a message keeps the score the REST load gave it', () => {
    const loaded = message({ id: 'v1', sentiment: scored(-0.4) });
    const echo = message({ id: 'v1' });
    expect(mergeMessages([loaded], [echo])[0]!.sentiment).toEqual(scored(-0.4));
    expect(mergeMessages([loaded], [{ ...echo, sentiment: scored(0.2) }])[0]!.sentiment).toEqual(scored(0.2));
    expect('sentiment' in mergeMessages([], [echo])[0]!).toBe(false);
  });
});
