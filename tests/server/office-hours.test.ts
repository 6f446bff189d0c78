import { describe, expect, it } from 'vitest';
import { OfficeHours } from '../../protocol/office-hours.js';
import { addOpenSeconds, isOpen, nextOpening, openSecondsBetween } from '../../server/routing/office-hours.js';
import { slaDeadlines } from '../../server/sla/sla-policy.js';

const weekdays = (timezone: string, start = '09:00', end = '17:00', holidays: string[] = []) =>
  OfficeHours.parse({ timezone, week: [[], ...Array.from({ length: 5 }, () => [{ start, end }]), []], holidays });
const at = (iso: string) => new Date(iso);

describe('office hours are a pure function of the schedule and the timestamps', () => {
  const berlin = weekdays('Europe/Berlin');

  it('says whether the team is open and when it is back', () => {
    expect(isOpen(berlin, at('2026-06-05T08:00:00Z'))).toBe(true); // Friday 10:00 CEST
    expect(isOpen(berlin, at('2026-06-05T15:00:00Z'))).toBe(false); // Friday 17:00 CEST: closed
    expect(isOpen(null, at('2026-06-06T03:00:00Z'))).toBe(true);
    // Saturday: back Monday 09:00 Berlin time (07:00Z in summer).
    expect(nextOpening(berlin, at('2026-06-06T10:00:00Z'))?.toISOString()).toBe('2026-06-08T07:00:00.000Z');
    expect(
      nextOpening(
        OfficeHours.parse({ timezone: 'UTC', week: [[], [], [], [], [], [], []] }),
        at('2026-06-06T10:00:00Z'),
      ),
    ).toBeNull();
  });

  it('pauses an SLA clock over a weekend: one open hour from Friday 16:30 ends Monday 09:30', () => {
    const due = addOpenSeconds(berlin, at('2026-06-05T14:30:00Z'), 3600);
    expect(due.toISOString()).toBe('2026-06-08T07:30:00.000Z');
    expect(openSecondsBetween(berlin, at('2026-06-05T14:30:00Z'), due)).toBe(3600);
  });

  it('counts open time across the autumn DST change (Europe/Berlin, 25 October 2026)', () => {
    // Friday 16:30 CEST (UTC+2) + 1 open hour = Monday 09:30 CET (UTC+1): 66 hours of wall time.
    const from = at('2026-10-23T14:30:00Z');
    const due = addOpenSeconds(berlin, from, 3600);
    expect(due.toISOString()).toBe('2026-10-26T08:30:00.000Z');
    expect((due.getTime() - from.getTime()) / 3_600_000).toBe(66);
    // A full week of open time is 5 x 8 hours whatever the offset did in between.
    expect(openSecondsBetween(berlin, at('2026-10-19T00:00:00Z'), at('2026-10-26T00:00:00Z'))).toBe(40 * 3600);
  });

  it('counts open time across the spring DST change: the skipped hour is not open time', () => {
    // Sunday 29 March 2026, 01:00-05:00 local in Berlin: clocks jump from 02:00 to 03:00.
    const night = OfficeHours.parse({
      timezone: 'Europe/Berlin',
      week: [[{ start: '01:00', end: '05:00' }], [], [], [], [], [], []],
    });
    expect(openSecondsBetween(night, at('2026-03-28T00:00:00Z'), at('2026-03-30T00:00:00Z'))).toBe(3 * 3600);
    // New York's change (8 March 2026) with a weekday schedule: Monday opens at 09:00 EDT (13:00Z).
    expect(nextOpening(weekdays('America/New_York'), at('2026-03-07T15:00:00Z'))?.toISOString()).toBe(
      '2026-03-09T13:00:00.000Z',
    );
  });

  it('skips holidays', () => {
    const withHoliday = weekdays('Europe/Berlin', '09:00', '17:00', ['2026-06-08']);
    expect(addOpenSeconds(withHoliday, at('2026-06-05T14:30:00Z'), 3600).toISOString()).toBe(
      '2026-06-09T07:30:00.000Z',
    );
  });

  it('SLA deadlines and warnings run in open time when the team has office hours', () => {
    // Normal priority (first response in 1 h) handed off Friday 16:30 Berlin time.
    const from = at('2026-06-05T14:30:00Z');
    const wall = slaDeadlines(30, null, from);
    const business = slaDeadlines(30, null, from, undefined, berlin);
    expect(wall.firstResponseDueAt.toISOString()).toBe('2026-06-05T15:30:00.000Z');
    expect(business.firstResponseDueAt.toISOString()).toBe('2026-06-08T07:30:00.000Z');
    // Warned with a fifth of the open time left (12 min before), not during the weekend.
    expect(business.firstResponseWarnAt.toISOString()).toBe('2026-06-08T07:18:00.000Z');
    // Resolution (24 open hours = three 8-hour days): Wednesday 16:30.
    expect(business.resolutionDueAt.toISOString()).toBe('2026-06-10T14:30:00.000Z');
  });

  it('refuses schedules that cannot be right', () => {
    expect(OfficeHours.safeParse({ timezone: 'Mars/Olympus', week: [[], [], [], [], [], [], []] }).success).toBe(false);
    expect(
      OfficeHours.safeParse({ timezone: 'UTC', week: [[{ start: '17:00', end: '09:00' }], [], [], [], [], [], []] })
        .success,
    ).toBe(false);
    expect(OfficeHours.safeParse({ timezone: 'UTC', week: [[], [], []] }).success).toBe(false);
    expect(
      OfficeHours.safeParse({ timezone: 'UTC', week: [[{ start: '9:00', end: '17:00' }], [], [], [], [], [], []] })
        .success,
    ).toBe(false);
  });
});
