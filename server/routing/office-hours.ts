import type { OfficeHours } from '../../protocol/office-hours.js';

/**
 * Office-hours arithmetic, pure: every answer is a function of the schedule and the timestamps
 * given (no clock, no database), so SLA deadlines are reproducible and testable across weekends,
 * holidays and daylight-saving changes. Local times are resolved in the schedule's IANA zone.
 */

const DAY_MS = 86_400_000;
/** How far ahead to look for an opening: a year and a bit (a schedule with no opening at all gives null). */
const HORIZON_DAYS = 400;

const formatters = new Map<string, Intl.DateTimeFormat>();
function formatter(tz: string): Intl.DateTimeFormat {
  let f = formatters.get(tz);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone: tz,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formatters.set(tz, f);
  }
  return f;
}

/** The zone's wall clock at `ms`, as if it were UTC (so Date.UTC arithmetic applies). */
function wallClock(ms: number, tz: string): number {
  const p: Record<string, number> = {};
  for (const part of formatter(tz).formatToParts(new Date(ms)))
    if (part.type !== 'literal') p[part.type] = Number(part.value);
  return Date.UTC(p.year!, p.month! - 1, p.day!, p.hour! % 24, p.minute!, p.second!);
}

/**
 * The instant when the zone's clocks show `wall` (a UTC-encoded local time). In the hour skipped
 * by a spring-forward change it moves forward by the gap (02:30 becomes 03:30), as JavaScript's
 * Date does; in the hour repeated in the autumn it gives the first of the two.
 */
export function zonedInstant(wall: number, tz: string): number {
  const first = wall - (wallClock(wall, tz) - wall);
  const second = wall - (wallClock(first, tz) - first);
  const showing = [first, second].filter((t) => wallClock(t, tz) === wall);
  // Repeated hour: both show `wall`, take the earlier. Gap: neither does, take the later.
  return showing.length ? Math.min(...showing) : Math.max(first, second);
}

const minutesOf = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));
const isoDate = (wallDay: number) => new Date(wallDay).toISOString().slice(0, 10);

/** The openings overlapping [from, ...), in order, as [start, end) instants, clipped to start at `from`. */
export function* openIntervals(hours: OfficeHours, from: Date, horizonDays = HORIZON_DAYS): Generator<[Date, Date]> {
  const start = from.getTime();
  const holidays = new Set(hours.holidays);
  // Start a day early: an opening of the previous local day may still be running.
  const firstDay = Math.floor(wallClock(start, hours.timezone) / DAY_MS) * DAY_MS - DAY_MS;
  for (let i = 0; i <= horizonDays; i++) {
    const day = firstDay + i * DAY_MS;
    if (holidays.has(isoDate(day))) continue;
    const slots = [...(hours.week[new Date(day).getUTCDay()] ?? [])].sort(
      (a, b) => minutesOf(a.start) - minutesOf(b.start),
    );
    for (const slot of slots) {
      const s = zonedInstant(day + minutesOf(slot.start) * 60_000, hours.timezone);
      const e = zonedInstant(day + minutesOf(slot.end) * 60_000, hours.timezone);
      if (e <= start || e <= s) continue;
      yield [new Date(Math.max(s, start)), new Date(e)];
    }
  }
}

/** Open at this instant? No schedule means always open. */
export function isOpen(hours: OfficeHours | null | undefined, at: Date): boolean {
  if (!hours) return true;
  const first = openIntervals(hours, at, 2).next();
  return !first.done && first.value[0].getTime() === at.getTime();
}

/** When the team is next open: `at` itself when open now; null when the schedule never opens. */
export function nextOpening(hours: OfficeHours | null | undefined, at: Date): Date | null {
  if (!hours) return at;
  const first = openIntervals(hours, at).next();
  return first.done ? null : first.value[0];
}

/**
 * The instant `seconds` of open time after `from`: an SLA deadline whose clock only runs while
 * the team is open. No schedule (or one that never opens) counts every second.
 */
export function addOpenSeconds(hours: OfficeHours | null | undefined, from: Date, seconds: number): Date {
  if (!hours) return new Date(from.getTime() + seconds * 1000);
  let left = seconds * 1000;
  for (const [s, e] of openIntervals(hours, from)) {
    const span = e.getTime() - s.getTime();
    if (left <= span) return new Date(s.getTime() + left);
    left -= span;
  }
  return new Date(from.getTime() + seconds * 1000);
}

/** Open seconds between two instants (0 when `to` is not after `from`). */
export function openSecondsBetween(hours: OfficeHours | null | undefined, from: Date, to: Date): number {
  if (to <= from) return 0;
  if (!hours) return (to.getTime() - from.getTime()) / 1000;
  let total = 0;
  for (const [s, e] of openIntervals(hours, from)) {
    if (s >= to) break;
    total += Math.min(e.getTime(), to.getTime()) - s.getTime();
  }
  return total / 1000;
}
