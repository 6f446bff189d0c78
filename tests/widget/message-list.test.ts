import { describe, expect, it } from 'vitest';
import type { ChatMessage } from '../../protocol/domain.js';
import {
  addNotice,
  addPending,
  appendDelta,
  dropDraft,
  lastServerMessageId,
  markFailed,
  markPending,
  markSent,
  mergeServerMessages,
  type ViewMessage,
} from '../../widget/message-list.js';

const at = (s: number) => new Date(Date.UTC(2025, 0, 1, 12, 0, s)).toISOString();
const msg = (id: string, s: number, extra: Partial<ChatMessage> = {}): ChatMessage => ({
  id,
  conversationId: 'c1',
  role: 'ai',
  text: `text ${id}`,
  createdAt: at(s),
  ...extra,
});
const ids = (list: ViewMessage[]) => list.map((m) => m.id ?? m.clientMessageId ?? m.key);

describe('mergeServerMessages', () => {
  it('never doubles a message replayed by sync or the handshake', () => {
    let list = mergeServerMessages([], [msg('m1', 1), msg('m2', 2)]);
    list = mergeServerMessages(list, [msg('m2', 2), msg('m3', 3)]);
    list = mergeServerMessages(list, [msg('m1', 1), msg('m2', 2), msg('m3', 3)]);
    expect(ids(list)).toEqual(['m1', 'm2', 'm3']);
  });

  it('orders by server time even when a sync page arrives after a newer live message', () => {
    let list = mergeServerMessages([], [msg('m1', 1)]);
    list = mergeServerMessages(list, [msg('m4', 4)]); // live, while the sync was in flight
    list = mergeServerMessages(list, [msg('m2', 2), msg('m3', 3), msg('m4', 4)]);
    expect(ids(list)).toEqual(['m1', 'm2', 'm3', 'm4']);
  });

  it('keeps arrival order for messages with the same timestamp', () => {
    const list = mergeServerMessages([], [msg('a', 5), msg('b', 5), msg('c', 5)]);
    expect(ids(list)).toEqual(['a', 'b', 'c']);
  });

  it('replaces an updated message in place rather than adding it', () => {
    let list = mergeServerMessages([], [msg('m1', 1)]);
    list = mergeServerMessages(list, [{ ...msg('m1', 1), text: 'edited' }]);
    expect(list).toHaveLength(1);
    expect(list[0]!.text).toBe('edited');
  });

  it('ignores malformed entries', () => {
    const list = mergeServerMessages([], [null as unknown as ChatMessage, { text: 'x' } as unknown as ChatMessage]);
    expect(list).toEqual([]);
  });
});

describe("the visitor's own messages", () => {
  const pending = (cid: string, s: number) => ({ clientMessageId: cid, text: `hi ${cid}`, createdAt: at(s) });

  it('shows a message at once as pending', () => {
    const list = addPending([], pending('c-1', 1));
    expect(list).toMatchObject([{ role: 'visitor', delivery: 'pending', clientMessageId: 'c-1', key: 'c-1' }]);
  });

  it('the server echo (same clientMessageId) replaces the pending copy and keeps its render key', () => {
    let list = addPending([], pending('c-1', 1));
    list = mergeServerMessages(list, [msg('m1', 1, { role: 'visitor', clientMessageId: 'c-1', text: 'hi c-1' })]);
    expect(list).toHaveLength(1);
    expect(list[0]).toMatchObject({ id: 'm1', key: 'c-1', delivery: 'sent', fromServer: true });
  });

  it('ack then echo: one message', () => {
    let list = addPending([], pending('c-1', 1));
    list = markSent(list, 'c-1', 'm1');
    list = mergeServerMessages(list, [msg('m1', 1, { role: 'visitor', clientMessageId: 'c-1' })]);
    expect(list).toHaveLength(1);
    expect(list[0]!.delivery).toBe('sent');
  });

  it('echo then ack: one message, echo wins', () => {
    let list = addPending([], pending('c-1', 1));
    list = mergeServerMessages(list, [msg('m1', 7, { role: 'visitor', clientMessageId: 'c-1' })]);
    list = markSent(list, 'c-1', 'm1');
    expect(list).toHaveLength(1);
    expect(list[0]!.createdAt).toBe(at(7));
  });

  it('pending messages stay below server messages, whatever the visitor clock says', () => {
    // The visitor's clock is an hour behind: its timestamp must not move the message up.
    let list = mergeServerMessages([], [msg('m1', 10)]);
    list = addPending(list, { clientMessageId: 'c-1', text: 'q', createdAt: '2020-01-01T00:00:00.000Z' });
    list = mergeServerMessages(list, [msg('m2', 20)]);
    expect(ids(list)).toEqual(['m1', 'm2', 'c-1']);
  });

  it('an acked message sits after what was known and before later replies, using server time only', () => {
    let list = mergeServerMessages([], [msg('m1', 10)]);
    list = addPending(list, { clientMessageId: 'c-1', text: 'q', createdAt: '2099-01-01T00:00:00.000Z' });
    list = markSent(list, 'c-1', 'v1');
    list = mergeServerMessages(list, [msg('m2', 11)]); // the AI answer
    expect(ids(list)).toEqual(['m1', 'v1', 'm2']);
  });

  it('failed messages can be retried and keep their place in the tail', () => {
    let list = addPending([], pending('c-1', 1));
    list = addPending(list, pending('c-2', 2));
    list = markFailed(list, 'c-1', 'Too fast');
    expect(list[0]).toMatchObject({ delivery: 'failed', error: 'Too fast' });
    list = markPending(list, 'c-1');
    expect(list.map((m) => m.delivery)).toEqual(['pending', 'pending']);
  });

  it('adding the same clientMessageId twice does not double it', () => {
    let list = addPending([], pending('c-1', 1));
    list = addPending(list, pending('c-1', 1));
    expect(list).toHaveLength(1);
  });
});

describe('notices and the sync cursor', () => {
  it('places a notice after the latest confirmed message and before pending ones', () => {
    let list = mergeServerMessages([], [msg('m1', 1)]);
    list = addPending(list, { clientMessageId: 'c-1', text: 'q', createdAt: at(2) });
    list = addNotice(list, 'Sam joined', 'n1', at(99));
    expect(list.map((m) => m.key)).toEqual(['m1', 'n1', 'c-1']);
    expect(list[1]).toMatchObject({ role: 'system', local: true, createdAt: at(1) });
    // A later server message still lands after the notice.
    list = mergeServerMessages(list, [msg('m2', 1)]);
    expect(list.map((m) => m.key)).toEqual(['m1', 'n1', 'm2', 'c-1']);
  });

  it('uses only ids that came from the server itself', () => {
    let list = mergeServerMessages([], [msg('m1', 1), msg('m2', 2)]);
    list = addPending(list, { clientMessageId: 'c-1', text: 'q', createdAt: at(3) });
    list = markSent(list, 'c-1', 'v-acked');
    list = addNotice(list, 'note', 'n1', at(4));
    expect(lastServerMessageId(list)).toBe('m2');
    expect(lastServerMessageId([])).toBeUndefined();
  });
});

describe('streamed AI answers (message:delta)', () => {
  it('grows a draft, then the final message replaces it with a fresh node', () => {
    let list = mergeServerMessages([], [msg('v1', 1, { role: 'visitor', clientMessageId: 'c-1' })]);
    list = appendDelta(list, 'v1', 'To reconnect ', at(9));
    list = appendDelta(list, 'v1', 'Slack…', at(9));
    expect(list[1]).toMatchObject({ role: 'ai', text: 'To reconnect Slack…', streaming: true, local: true });
    expect(lastServerMessageId(list)).toBe('v1'); // a draft is not a sync cursor
    list = mergeServerMessages(list, [msg('a1', 2, { text: 'To reconnect Slack, open Integrations.', replyTo: 'v1' })]);
    expect(list.map((m) => m.key)).toEqual(['c-1', 'a1']);
    expect(list[1]!.streaming).toBeUndefined();
    // A late fragment after the final answer is ignored.
    expect(appendDelta(list, 'v1', 'x', at(9))).toHaveLength(2);
  });

  it('drops a withdrawn draft (message:discard) and keeps everything else', () => {
    let list = mergeServerMessages([], [msg('v1', 1, { role: 'visitor', text: 'How do I export?' })]);
    list = appendDelta(list, 'v1', 'To export, ', at(9));
    expect(list.map((m) => m.key)).toEqual(['v1', 'draft-v1']);
    list = dropDraft(list, 'v1');
    expect(list.map((m) => m.key)).toEqual(['v1']);
    expect(dropDraft(list, 'v1')).toBe(list);
  });

  it('keeps a draft above the pending tail', () => {
    let list = addPending([], { clientMessageId: 'c-2', text: 'next question', createdAt: at(5) });
    list = appendDelta(list, 'v1', 'Part', at(3));
    expect(list.map((m) => m.key)).toEqual(['draft-v1', 'c-2']);
  });
});
