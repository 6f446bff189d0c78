import { z } from 'zod';
import { OfficeHours } from '../office-hours.js';

export const Team = z.object({
  id: z.string(),
  name: z.string(),
  skills: z.array(z.string()),
  /** How many agents belong to the team. */
  members: z.number().int(),
  officeHours: OfficeHours.nullable().describe('null: always open'),
  openNow: z.boolean(),
  backAt: z.string().nullable().describe('when closed: the next opening (ISO)'),
});
export type Team = z.infer<typeof Team>;

export const TeamListResponse = z.object({ teams: z.array(Team) });
export type TeamListResponse = z.infer<typeof TeamListResponse>;

/** `PUT /api/teams/:id/office-hours`. */
export const OfficeHoursSaved = z.object({ id: z.string(), officeHours: OfficeHours.nullable() });
export type OfficeHoursSaved = z.infer<typeof OfficeHoursSaved>;
