import { describe, expect, it } from 'vitest';
import {
  applyHandoff,
  applyMessage,
  applyStatusChange,
  moveIndex,
  replaceStatus,
  rowsForTab,
  sortQueue,
  summaryFromDetail,
  waitingSeconds,
} from '../../console/lib/queue.js';
import { detail, handoffAt, message, summary } from './fixtures.js';

const ids = (list: Array<{ id: string }>) => list.map((c) => c.id);

describe('queue ordering', () => {
  it('puts higher priority first, then the longest wait', () => {
    const list = [
      summary({ id: 'low-old', priority: 0, handoff: handoffAt('2025-01-01T09:00:00Z') }),
      summary({ id: 'high-new', priority: 3, handoff: handoffAt('2025-01-01T10:05:00Z', 3) }),
      summary({ id: 'high-old', priority: 3, handoff: handoffAt('2025-01-01T10:01:00Z', 3) }),
      summary({ id: 'mid', priority: 1, handoff: handoffAt('2025-01-01T08:00:00Z', 1) }),
    ];
    expect(ids(sortQueue(list))).toEqual(['high-old', 'high-new', 'mid', 'low-old']);
  });

  it("follows the server's effective priority, so a long wait can overtake a higher priority", () => {
    const list = [
      summary({ id: 'fresh-high', priority: 20, effectivePriority: 21, handoff: handoffAt('2025-01-01T10:09:00Z', 2) }),
      summary({ id: 'long-wait', priority: 5, effectivePriority: 30, handoff: handoffAt('2025-01-01T09:45:00Z') }),
    ];
    expect(ids(sortQueue(list))).toEqual(['long-wait', 'fresh-high']);
  });

  it('measures the wait from the handoff, falling back to the conversation start', () => {
    const now = Date.parse('2025-01-01T10:10:00Z');
    expect(waitingSeconds(summary({ id: 'a', handoff: handoffAt('2025-01-01T10:08:30Z') }), now)).toBe(90);
    expect(waitingSeconds(summary({ id: 'b', createdAt: '2025-01-01T10:00:00Z' }), now)).toBe(600);
    expect(waitingSeconds(summary({ id: 'c', createdAt: 'not a date' }), now)).toBe(0);
  });

  it('is stable for identical priority and time', () => {
    const list = [summary({ id: 'b' }), summary({ id: 'a' })];
    expect(ids(sortQueue(list))).toEqual(['a', 'b']);
  });
});

describe('tabs', () => {
  const list = [
    summary({ id: 'q', status: 'queued' }),
    summary({ id: 'mine', status: 'assigned', assignee: { id: 'me', name: 'Me' } }),
    summary({ id: 'theirs', status: 'assigned', assignee: { id: 'other', name: 'Other' } }),
    summary({ id: 'bot', status: 'bot' }),
    summary({ id: 'r-old', status: 'resolved', updatedAt: '2025-01-01T10:00:00Z' }),
    summary({ id: 'r-new', status: 'resolved', updatedAt: '2025-01-01T12:00:00Z' }),
  ];
  it('Mine shows only conversations assigned to me', () => {
    expect(ids(rowsForTab(list, 'mine', 'me'))).toEqual(['mine']);
  });
  it('Resolved shows newest first', () => {
    expect(ids(rowsForTab(list, 'resolved', 'me'))).toEqual(['r-new', 'r-old']);
  });
  it('Queued and Bot filter by status', () => {
    expect(ids(rowsForTab(list, 'queued', 'me'))).toEqual(['q']);
    expect(ids(rowsForTab(list, 'bot', 'me'))).toEqual(['bot']);
  });
});

describe('live updates', () => {
  it('a handoff notice adds a queued row, and a repeat updates it in place', () => {
    const notice = {
      conversationId: 'c9',
      priority: 2,
      reason: 'refund over limit',
      brief: 'wants a refund',
      intent: 'refund',
      sentiment: -0.5,
      page: { url: 'https://app.example.com/billing', title: 'Billing' },
      visitor: { name: 'Ada', plan: 'Pro' },
    };
    let list = applyHandoff([summary({ id: 'c1' })], notice, '2025-01-01T11:00:00.000Z');
    expect(list).toHaveLength(2);
    const row = list.find((c) => c.id === 'c9')!;
    expect(row).toMatchObject({
      status: 'queued',
      priority: 2,
      visitor: { name: 'Ada', plan: 'Pro' },
      page: { title: 'Billing' },
    });
    expect(row.handoff).toMatchObject({
      reason: 'refund over limit',
      intent: 'refund',
      createdAt: '2025-01-01T11:00:00.000Z',
    });

    list = applyHandoff(list, { ...notice, priority: 3 }, '2025-01-01T11:05:00.000Z');
    expect(list).toHaveLength(2);
    // The wait keeps counting from the first handoff.
    expect(list.find((c) => c.id === 'c9')!.handoff!.createdAt).toBe('2025-01-01T11:00:00.000Z');
    expect(list.find((c) => c.id === 'c9')!.priority).toBe(3);
  });

  it('a status change moves the row and names me as assignee', () => {
    const list = applyStatusChange(
      [summary({ id: 'c1' })],
      { conversationId: 'c1', status: 'assigned', assigneeId: 'me' },
      { id: 'me', name: 'Me' },
      '2025-01-01T11:00:00.000Z',
    );
    expect(list[0]).toMatchObject({ status: 'assigned', assignee: { id: 'me', name: 'Me' } });
    expect(rowsForTab(list, 'queued', 'me')).toHaveLength(0);
    expect(rowsForTab(list, 'mine', 'me')).toHaveLength(1);
  });

  it('a status change for an unknown row changes nothing', () => {
    const before = [summary({ id: 'c1' })];
    expect(
      applyStatusChange(before, { conversationId: 'zz', status: 'resolved', assigneeId: null }, null, 'x'),
    ).toEqual(before);
  });

  it('a message updates the last message unless it is older', () => {
    let list = [summary({ id: 'c1' })];
    list = applyMessage(list, message({ id: 'm2', text: 'newer', createdAt: '2025-01-01T10:02:00Z' }));
    list = applyMessage(list, message({ id: 'm1', text: 'older', createdAt: '2025-01-01T10:01:00Z' }));
    expect(list[0]!.lastMessage!.text).toBe('newer');
  });

  it('a system notice does not replace what the visitor or an agent last said', () => {
    let list = [summary({ id: 'c1' })];
    list = applyMessage(
      list,
      message({ id: 'm1', role: 'visitor', text: 'I was charged twice', createdAt: '2025-01-01T10:01:00Z' }),
    );
    list = applyMessage(
      list,
      message({ id: 'm2', role: 'system', text: 'Maya joined the conversation.', createdAt: '2025-01-01T10:02:00Z' }),
    );
    expect(list[0]!.lastMessage).toMatchObject({ text: 'I was charged twice', role: 'visitor' });
    expect(list[0]!.updatedAt).toBe('2025-01-01T10:02:00Z');
  });

  it('a fresh page for a status replaces what we held for it, and keeps the rest', () => {
    const held = [
      summary({ id: 'gone' }),
      summary({ id: 'kept', status: 'bot' }),
      summary({ id: 'moved', status: 'bot' }),
    ];
    const next = replaceStatus(held, 'queued', [summary({ id: 'new' }), summary({ id: 'moved' })]);
    expect(ids(next).sort()).toEqual(['kept', 'moved', 'new']);
    expect(next.find((c) => c.id === 'moved')!.status).toBe('queued');
  });

  it('builds a row from the detail endpoint', () => {
    const row = summaryFromDetail(
      detail({
        id: 'c1',
        visitor: { id: 'v1', name: 'Ada', verified: false },
        priority: 2,
        createdAt: '2025-01-01T10:00:00Z',
        messages: [
          message({ id: 'm1', createdAt: '2025-01-01T10:00:00Z' }),
          message({ id: 'm2', text: 'last', createdAt: '2025-01-01T10:03:00Z' }),
        ],
        handoff: {
          reason: 'r',
          signals: [],
          brief: 'b',
          priority: 2,
          intent: null,
          sentiment: 0,
          createdAt: '2025-01-01T10:03:00Z',
        },
      }),
    );
    expect(row).toMatchObject({
      priority: 2,
      lastMessage: { text: 'last' },
      createdAt: '2025-01-01T10:00:00Z',
      assignee: null,
    });
  });
});

describe('selection', () => {
  it('moves within bounds and starts at the top or bottom', () => {
    expect(moveIndex(-1, 1, 3)).toBe(0);
    expect(moveIndex(-1, -1, 3)).toBe(2);
    expect(moveIndex(2, 1, 3)).toBe(2);
    expect(moveIndex(0, -1, 3)).toBe(0);
    expect(moveIndex(1, 1, 3)).toBe(2);
    expect(moveIndex(0, 1, 0)).toBe(-1);
  });
});
