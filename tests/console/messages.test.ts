import { describe, expect, it } from 'vitest';
import {
  confirmPending,
  failPending,
  mergeMessages,
  pendingMessage,
  retryPending,
} from '../../console/lib/messages.js';
import { message } from './fixtures.js';

const texts = (list: Array<{ text: string }>) => list.map((m) => m.text);

describe('transcript merge', () => {
  it('dedupes by id and orders by time', () => {
    const a = message({ id: 'a', text: 'first', createdAt: '2025-01-01T10:00:00Z' });
    const b = message({ id: 'b', text: 'second', createdAt: '2025-01-01T10:01:00Z' });
    expect(texts(mergeMessages([b], [a, b, a]))).toEqual(['first', 'second']);
  });

  it('keeps server order for equal timestamps', () => {
    const t = '2025-01-01T10:00:00Z';
    const list = mergeMessages(
      [],
      [message({ id: 'x', text: '1', createdAt: t }), message({ id: 'y', text: '2', createdAt: t })],
    );
    expect(texts(list)).toEqual(['1', '2']);
  });

  it('the socket echo replaces our pending copy (same clientMessageId)', () => {
    const pending = pendingMessage('c1', 'cm-1', 'hello', 'Me', '2025-01-01T10:05:00Z');
    const echo = message({
      id: 'srv-1',
      clientMessageId: 'cm-1',
      role: 'agent',
      text: 'hello',
      createdAt: '2025-01-01T10:05:01Z',
    });
    const list = mergeMessages([pending], [echo]);
    expect(list).toHaveLength(1);
    expect(list[0]!.id).toBe('srv-1');
    expect(list[0]!.pending).toBeFalsy();
  });

  it('ack first, then echo: still one message', () => {
    let list = mergeMessages([], [message({ id: 'v1', text: 'hi' })]);
    list = list.concat(pendingMessage('c1', 'cm-1', 'hello', 'Me', '2025-01-01T10:05:00Z'));
    list = confirmPending(list, 'cm-1', 'srv-1');
    expect(list.filter((m) => m.text === 'hello')).toHaveLength(1);
    expect(list.find((m) => m.text === 'hello')).toMatchObject({ id: 'srv-1', pending: false });
    // The echo may come without clientMessageId; the id is enough.
    list = mergeMessages(list, [
      message({ id: 'srv-1', role: 'agent', text: 'hello', createdAt: '2025-01-01T10:05:01Z' }),
    ]);
    expect(list.filter((m) => m.text === 'hello')).toHaveLength(1);
  });

  it('echo first, then ack: the pending copy goes away', () => {
    let list = [pendingMessage('c1', 'cm-1', 'hello', 'Me', '2025-01-01T10:05:00Z')];
    // An echo that carries only the id (no clientMessageId) cannot be matched yet.
    list = mergeMessages(list, [
      message({ id: 'srv-1', role: 'agent', text: 'hello', createdAt: '2025-01-01T10:05:01Z' }),
    ]);
    expect(list).toHaveLength(2);
    list = confirmPending(list, 'cm-1', 'srv-1');
    expect(list).toHaveLength(1);
    expect(list[0]!.id).toBe('srv-1');
  });

  it('a reload keeps messages still in flight at the bottom', () => {
    const pending = pendingMessage('c1', 'cm-2', 'typing…', 'Me', '2025-01-01T09:00:00Z');
    const list = mergeMessages([pending], [message({ id: 'a', createdAt: '2025-01-01T10:00:00Z' })]);
    expect(list.map((m) => m.id)).toEqual(['a', 'pending:cm-2']);
  });

  it('a failed send is marked, and retry clears the mark', () => {
    let list = [pendingMessage('c1', 'cm-1', 'hello', 'Me', '2025-01-01T10:05:00Z')];
    list = failPending(list, 'cm-1', 'not assigned');
    expect(list[0]).toMatchObject({ failed: 'not assigned', pending: true });
    list = retryPending(list, 'cm-1');
    expect(list[0]!.failed).toBeUndefined();
  });
});
