/** Who should take a waiting conversation? A pure function, so every choice is testable and explainable. */
export interface AgentCandidate {
  id: string;
  skills: readonly string[];
  online: boolean;
  withinHours: boolean;
  load: number;
  maxConcurrent: number;
  /** When they were last given a conversation; the longest idle wins a tie. */
  lastAssignedAt: number | null;
}

export interface RoutingRequest {
  skill: string | null;
  previousAssigneeId: string | null;
  waitedSeconds: number;
  /** Agents who already let an offer lapse or declined: skip them. */
  exclude: readonly string[];
  /** The visitor's language: agents with its skill (`lang:de`) come first; English needs none. */
  language?: string | null;
}

export interface RoutingOptions {
  /** After this long without a skilled agent, any available generalist may take it. */
  generalistAfterSeconds: number;
}

export const DEFAULT_ROUTING_OPTIONS: RoutingOptions = { generalistAfterSeconds: 120 };
export const GENERALIST_SKILL = 'general';

export interface RoutingChoice {
  agentId: string;
  why: 'previous_agent' | 'least_loaded_skilled' | 'speaks_language' | 'generalist_fallback';
}

export function chooseAgent(
  req: RoutingRequest,
  agents: readonly AgentCandidate[],
  opts: RoutingOptions = DEFAULT_ROUTING_OPTIONS,
): RoutingChoice | null {
  const available = agents.filter(
    (a) => a.online && a.withinHours && a.load < a.maxConcurrent && !req.exclude.includes(a.id),
  );
  // A visitor who writes German needs an agent who reads it more than one who knows the topic.
  const speakers =
    req.language && req.language !== 'en' ? available.filter((a) => a.skills.includes(`lang:${req.language}`)) : [];
  const pool = speakers.length ? speakers : available;
  const skilled = req.skill ? pool.filter((a) => a.skills.includes(req.skill!)) : pool;

  const previous = req.previousAssigneeId ? available.find((a) => a.id === req.previousAssigneeId) : undefined;
  // Continuity beats skill match: the customer's previous agent already knows the story.
  if (previous) return { agentId: previous.id, why: 'previous_agent' };

  const best = leastLoaded(skilled);
  if (best) return { agentId: best.id, why: 'least_loaded_skilled' };
  const speaker = leastLoaded(speakers);
  if (speaker) return { agentId: speaker.id, why: 'speaks_language' };

  if (req.waitedSeconds >= opts.generalistAfterSeconds) {
    const generalists = available.filter((a) => a.skills.includes(GENERALIST_SKILL) || a.skills.length === 0);
    const fallback = leastLoaded(generalists.length ? generalists : available);
    if (fallback) return { agentId: fallback.id, why: 'generalist_fallback' };
  }
  return null;
}

function leastLoaded(agents: readonly AgentCandidate[]): AgentCandidate | undefined {
  return [...agents].sort(
    (a, b) =>
      a.load / a.maxConcurrent - b.load / b.maxConcurrent ||
      (a.lastAssignedAt ?? 0) - (b.lastAssignedAt ?? 0) ||
      a.id.localeCompare(b.id),
  )[0];
}
