import { describe, expect, it } from 'vitest';
import { formatCountdown, offerSecondsLeft, slaCountdown, slaLabel } from '../../console/lib/sla.js';
import { summary } from './fixtures.js';

const T0 = Date.parse('2025-01-01T10:00:00.000Z');
const at = (minutes: number) => new Date(T0 + minutes * 60_000).toISOString();
const queued = summary({ id: 'a', handedOffAt: at(0), firstResponseDueAt: at(10), resolutionDueAt: at(60) });

describe('SLA countdown', () => {
  it('is ok early, warning in the last 20% of the window, breached after the deadline', () => {
    expect(slaCountdown(queued, T0 + 60_000)).toMatchObject({
      deadline: 'first_response',
      state: 'ok',
      remainingSeconds: 540,
    });
    expect(slaCountdown(queued, T0 + 8 * 60_000 + 1000)?.state).toBe('warning');
    expect(slaCountdown(queued, T0 + 7 * 60_000)?.state).toBe('ok');
    expect(slaCountdown(queued, T0 + 11 * 60_000)).toMatchObject({ state: 'breached', remainingSeconds: -60 });
  });
  it('races resolution once an agent has replied', () => {
    const replied = { ...queued, status: 'assigned' as const, firstHumanResponseAt: at(3) };
    expect(slaCountdown(replied, T0 + 11 * 60_000)).toMatchObject({ deadline: 'resolution', state: 'ok' });
    expect(slaCountdown(replied, T0 + 50 * 60_000)?.state).toBe('warning');
  });
  it('trusts the server when it marked a breach', () => {
    expect(slaCountdown({ ...queued, slaBreachedAt: at(1) }, T0 + 60_000)?.state).toBe('breached');
  });
  it('has nothing to count for bot, resolved or deadline-less rows', () => {
    expect(slaCountdown({ ...queued, status: 'resolved' }, T0)).toBeNull();
    expect(slaCountdown({ ...queued, status: 'bot' }, T0)).toBeNull();
    expect(slaCountdown(summary({ id: 'b' }), T0)).toBeNull();
  });
  it('formats countdowns and labels', () => {
    expect(formatCountdown(245)).toBe('4:05');
    expect(formatCountdown(3720)).toBe('1h 02m');
    expect(formatCountdown(-30)).toBe('-0:30');
    expect(slaLabel(slaCountdown(queued, T0 + 11 * 60_000)!)).toBe('First reply overdue by 1:00');
    expect(slaLabel(slaCountdown(queued, T0)!)).toBe('First reply due in 10:00');
  });
  it('counts offer seconds down to zero', () => {
    expect(offerSecondsLeft(at(1), T0)).toBe(60);
    expect(offerSecondsLeft(at(1), T0 + 61_000)).toBe(0);
    expect(offerSecondsLeft(null, T0)).toBe(0);
  });
});
