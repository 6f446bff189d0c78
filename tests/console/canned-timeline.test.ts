import { describe, expect, it } from 'vitest';
import type { CannedResponse, TimelineEvent } from '../../console/api/types.js';
import { insertCanned, matchCanned, slashQuery } from '../../console/lib/canned.js';
import { describeEvent } from '../../console/lib/timeline.js';

const canned: CannedResponse[] = [
  { id: '1', title: 'Refund policy', text: 'Refunds take 5 days.', shortcut: 'refund' },
  { id: '2', title: 'Reset password', text: 'Use the reset link.', shortcut: 'reset' },
  { id: '3', title: 'Greeting', text: 'Hi! Thanks for waiting.', shortcut: null },
];

describe('canned responses', () => {
  it('finds the "/query" at the caret, only at a word start', () => {
    expect(slashQuery('/ref')).toEqual({ query: 'ref', start: 0 });
    expect(slashQuery('Hello /Re')).toEqual({ query: 're', start: 6 });
    expect(slashQuery('/')).toEqual({ query: '', start: 0 });
    expect(slashQuery('and/or')).toBeNull();
    expect(slashQuery('/ref done')).toBeNull();
    expect(slashQuery('/ref done', 4)).toEqual({ query: 'ref', start: 0 });
  });
  it('ranks exact and prefix shortcuts above title and text matches', () => {
    // "Greeting" contains "re" too, ranked last
    expect(matchCanned(canned, 're').map((c) => c.id)).toEqual(['1', '2', '3']);
    expect(matchCanned(canned, 'reset').map((c) => c.id)).toEqual(['2']);
    expect(matchCanned(canned, 'waiting').map((c) => c.id)).toEqual(['3']);
    expect(matchCanned(canned, '').map((c) => c.id)).toEqual(['1', '2', '3']);
    expect(matchCanned(canned, 'zzz')).toEqual([]);
  });
  it('replaces the "/query" with the text and puts the caret after it', () => {
    expect(insertCanned('Hi /ref', 3, 7, canned[0]!)).toEqual({ text: 'Hi Refunds take 5 days.', caret: 23 });
  });
});

const ev = (over: Partial<TimelineEvent>): TimelineEvent => ({
  id: 1,
  type: 'handoff',
  actor: null,
  from: null,
  to: null,
  data: {},
  at: '2025-01-01T10:00:00Z',
  ...over,
});

describe('timeline wording', () => {
  it('says who, from where to where, and why', () => {
    expect(
      describeEvent(ev({ type: 'handoff', from: 'bot', to: 'queued', data: { reason: 'asked for a human' } })),
    ).toEqual({
      title: 'Handed to a human',
      detail: 'AI → queue · asked for a human',
      tone: 'warning',
    });
    expect(describeEvent(ev({ type: 'assigned', actor: 'Sam', from: 'queued', to: 'assigned' })).title).toBe(
      'Assigned by Sam',
    );
    expect(describeEvent(ev({ type: 'offered', data: { agent: 'Ana', why: 'skill match' } }))).toMatchObject({
      title: 'Offered to Ana',
      detail: 'skill match',
    });
  });
  it('names transfers by kind and target, with the note', () => {
    const t = describeEvent(
      ev({ type: 'transfer', actor: 'Sam', data: { kind: 'hierarchical', toAgent: 'Maya', note: 'needs a manager' } }),
    );
    expect(t).toEqual({
      title: 'Escalated by Sam to Maya',
      detail: 'hierarchical transfer · needs a manager',
      tone: 'warning',
    });
    expect(describeEvent(ev({ type: 'transfer', data: { kind: 'functional', toTeam: 'Billing' } })).title).toBe(
      'Transferred to Billing',
    );
  });
  it('describes SLA, requeue, csat and contact events', () => {
    expect(
      describeEvent(ev({ type: 'sla_breached', data: { deadline: 'first_response', dueAt: 'X' } }), (s) => `[${s}]`),
    ).toEqual({
      title: 'SLA breached: first reply',
      detail: 'was due [X]',
      tone: 'danger',
    });
    expect(
      describeEvent(
        ev({ type: 'requeued', from: 'assigned', to: 'queued', data: { reason: 'no_response', afterSeconds: 120 } }),
      ).detail,
    ).toBe('agent → queue · no reply from the agent in 120s');
    expect(describeEvent(ev({ type: 'csat', data: { score: 5 } }))).toMatchObject({
      title: 'Rated 5/5',
      tone: 'success',
    });
    expect(describeEvent(ev({ type: 'contact_email', data: { email: 'd@x.io' } })).detail).toBe('d@x.io');
    expect(describeEvent(ev({ type: 'something_new', actor: 'sla' })).title).toBe('something new by sla');
  });
});
