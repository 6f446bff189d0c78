import type { Queryable } from '../db/db.js';
import type { AgentCandidate } from './choose-agent.js';
import { isWithinWorkingHours, type WorkingHours } from './working-hours.js';

export interface RosterAgent extends AgentCandidate {
  name: string;
}

/** Agents with their live load (assigned conversations plus open offers), as routing sees them. */
export async function loadRoster(db: Queryable, now: Date): Promise<RosterAgent[]> {
  const { rows } = await db.query<{
    id: string;
    name: string;
    skills: string[];
    presence: string;
    presence_manual: string | null;
    working_hours: WorkingHours | null;
    max_concurrent: number;
    last_assigned_at: Date | null;
    team_skills: string[] | null;
    load: number;
  }>(
    `SELECT u.id, u.name, u.skills, u.presence, u.presence_manual, u.working_hours, u.max_concurrent,
              u.last_assigned_at,
            t.skills AS team_skills,
            ((SELECT count(*) FROM conversations c WHERE c.assignee_id = u.id AND c.status = 'assigned')
             + (SELECT count(*) FROM conversations c WHERE c.offered_to = u.id AND c.status = 'queued'
               AND c.offer_expires_at > $1))::int AS load
     FROM users u LEFT JOIN teams t ON t.id = u.team_id`,
    [now],
  );
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    skills: [...new Set([...(r.skills ?? []), ...(r.team_skills ?? [])])],
    online: r.presence === 'online' && r.presence_manual === null,
    withinHours: isWithinWorkingHours(r.working_hours, now),
    load: r.load,
    maxConcurrent: r.max_concurrent,
    lastAssignedAt: r.last_assigned_at ? r.last_assigned_at.getTime() : null,
  }));
}
