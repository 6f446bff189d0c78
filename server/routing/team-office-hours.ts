import { OfficeHours } from '../../protocol/office-hours.js';
import type { Queryable } from '../db/db.js';

export interface TeamHours {
  teamId: string;
  teamName: string;
  skills: string[];
  hours: OfficeHours;
}

/** Every team that has office hours, by name (a stored schedule that no longer parses counts as none). */
export async function loadTeamHours(q: Queryable): Promise<TeamHours[]> {
  const { rows } = await q.query<{ id: string; name: string; skills: string[]; office_hours: unknown }>(
    `SELECT id, name, skills, office_hours FROM teams WHERE office_hours IS NOT NULL ORDER BY name`,
  );
  return rows.flatMap((r) => {
    const parsed = OfficeHours.safeParse(r.office_hours);
    return parsed.success ? [{ teamId: r.id, teamName: r.name, skills: r.skills, hours: parsed.data }] : [];
  });
}

/**
 * The office hours that apply to a conversation: those of its team (after a transfer), else of
 * the first team, by name, whose skills include the skill the handoff needs. Null: no team with
 * office hours takes it, so it is always open.
 */
export function pickTeamHours(
  teams: readonly TeamHours[],
  c: { teamId: string | null; skill: string | null },
): TeamHours | null {
  if (c.teamId) return teams.find((t) => t.teamId === c.teamId) ?? null;
  return (c.skill && teams.find((t) => t.skills.includes(c.skill!))) || null;
}

export async function officeHoursFor(
  q: Queryable,
  c: { teamId: string | null; skill: string | null },
): Promise<TeamHours | null> {
  return pickTeamHours(await loadTeamHours(q), c);
}
