import { z } from 'zod';
import { text } from './clean-text.js';

/** "HH:MM", 00:00-24:00. */
const clock = text().regex(/^(?:[01]\d|2[0-3]):[0-5]\d$|^24:00$/, 'use HH:MM (00:00 to 24:00)');

export const OpenInterval = z.object({ start: clock, end: clock }).refine((i) => i.start < i.end, {
  message: 'an opening must end after it starts (split a night shift over two days)',
});

function knownTimeZone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

/**
 * A team's office hours: a weekly schedule in one IANA time zone, plus holidays (local dates the
 * team is closed). Outside them the widget says when the team is back and SLA clocks pause.
 */
export const OfficeHours = z.object({
  timezone: text()
    .min(1)
    .max(64)
    .refine(knownTimeZone, { message: 'unknown time zone: use an IANA name such as Europe/Berlin' }),
  /** Seven days, Sunday first; each day's openings in local time (none: closed all day). */
  week: z.array(z.array(OpenInterval).max(4)).length(7),
  /** Local dates (YYYY-MM-DD) the team is closed all day. */
  holidays: z
    .array(text().regex(/^\d{4}-\d{2}-\d{2}$/, 'use YYYY-MM-DD'))
    .max(100)
    .default([]),
});
export type OfficeHours = z.infer<typeof OfficeHours>;

/** `PUT /api/teams/:id/office-hours`: null removes them (the team is always open). */
export const OfficeHoursBody = z.object({ officeHours: OfficeHours.nullable() });
