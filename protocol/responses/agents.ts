import { z } from 'zod';
import { UserRole } from '../domain.js';
import { WorkingHoursBody } from '../http.js';

export const AgentLevel = z.enum(['agent', 'senior', 'manager']);
export type AgentLevel = z.infer<typeof AgentLevel>;

/** An agent's weekly hours (`WorkingHoursBody` as stored). */
export type WorkingHours = z.infer<typeof WorkingHoursBody>;

/** An agent or admin as `GET /api/agents` lists it; never the password hash. */
export const Agent = z.object({
  id: z.string(),
  email: z.string(),
  name: z.string(),
  /** The name customers see ("Maya"); null until the agent (or an admin) chooses one. */
  displayName: z.string().nullable(),
  role: UserRole,
  skills: z.array(z.string()),
  maxConcurrent: z.number().int(),
  presence: z.enum(['online', 'away', 'offline']),
  level: AgentLevel,
  teamId: z.string().nullable(),
  /** Set by hand; wins over the connection-based presence. */
  presenceManual: z.enum(['away', 'offline']).nullable(),
  onCall: z.boolean(),
  workingHours: WorkingHoursBody.nullable(),
  /** Cannot sign in; existing tokens and agent sockets stop working. */
  disabled: z.boolean(),
});
export type Agent = z.infer<typeof Agent>;

export const AgentListResponse = z.object({ agents: z.array(Agent) });
export type AgentListResponse = z.infer<typeof AgentListResponse>;

/** Who can take a transfer: what every agent may know of the others. */
export const DirectoryEntry = Agent.pick({
  id: true,
  name: true,
  level: true,
  skills: true,
  teamId: true,
  presence: true,
});
export type DirectoryEntry = z.infer<typeof DirectoryEntry>;
export const DirectoryResponse = z.object({ agents: z.array(DirectoryEntry) });
export type DirectoryResponse = z.infer<typeof DirectoryResponse>;

/** `PUT /api/agents/me/presence`. */
export const PresenceResponse = z.object({ ok: z.literal(true), status: z.enum(['online', 'away']) });
export type PresenceResponse = z.infer<typeof PresenceResponse>;
