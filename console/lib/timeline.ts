// Pure wording for the escalation log: who did what, when, from which state to which, and why.
import type { TimelineEvent } from '../api/types.js';

export interface TimelineLine {
  title: string;
  detail: string;
  tone: 'neutral' | 'warning' | 'danger' | 'success';
}

const STATUS: Record<string, string> = { bot: 'AI', queued: 'queue', assigned: 'agent', resolved: 'resolved' };

function str(v: unknown): string {
  return typeof v === 'string' ? v : typeof v === 'number' || typeof v === 'boolean' ? String(v) : '';
}

function deadlineWord(v: unknown): string {
  return v === 'first_response' ? 'first reply' : v === 'resolution' ? 'resolution' : 'SLA';
}

/** `time` formats the deadlines some events carry (ISO in the data). */
export function describeEvent(e: TimelineEvent, time: (iso: string) => string = (iso) => iso): TimelineLine {
  const d = e.data ?? {};
  const by = e.actor ? ` by ${e.actor}` : '';
  const move = e.from || e.to ? `${STATUS[e.from ?? ''] ?? e.from ?? '—'} → ${STATUS[e.to ?? ''] ?? e.to ?? '—'}` : '';
  const reason = str(d.reason) || str(d.note);
  const join = (...parts: string[]) => parts.filter(Boolean).join(' · ');
  switch (e.type) {
    case 'handoff':
      return { title: 'Handed to a human', detail: join(move, reason), tone: 'warning' };
    case 're_escalation':
      return { title: 'Escalated again', detail: join(move, reason), tone: 'danger' };
    case 'offered':
      return {
        title: `Offered to ${str(d.agent) || str(d.agentId) || 'an agent'}`,
        detail: join(str(d.why)),
        tone: 'neutral',
      };
    case 'assigned':
      return { title: `Assigned${by}`, detail: join(move, str(d.reason)), tone: 'neutral' };
    case 'requeued':
      return {
        title: 'Back in the queue',
        detail: join(
          move,
          d.reason === 'no_response'
            ? `no reply from the agent${d.afterSeconds ? ` in ${str(d.afterSeconds)}s` : ''}`
            : reason,
        ),
        tone: 'warning',
      };
    case 'transfer': {
      const kind = str(d.kind);
      const to = str(d.toAgent) || str(d.toTeam) || str(d.toAgentId) || str(d.toTeamId);
      return {
        title: `${kind === 'hierarchical' ? 'Escalated' : 'Transferred'}${by}${to ? ` to ${to}` : ''}`,
        detail: join(kind ? `${kind} transfer` : '', str(d.note)),
        tone: kind === 'hierarchical' ? 'warning' : 'neutral',
      };
    }
    case 'first_response':
      return { title: `First human reply${by}`, detail: '', tone: 'success' };
    case 'sla_warning':
      return {
        title: `SLA warning: ${deadlineWord(d.deadline)}`,
        detail: str(d.dueAt) ? `due ${time(str(d.dueAt))}` : '',
        tone: 'warning',
      };
    case 'sla_breached':
      return {
        title: `SLA breached: ${deadlineWord(d.deadline)}`,
        detail: str(d.dueAt) ? `was due ${time(str(d.dueAt))}` : '',
        tone: 'danger',
      };
    case 'resolved':
      return { title: `Resolved${by}`, detail: move, tone: 'success' };
    case 'reopened':
      return { title: 'Reopened', detail: join(move, reason), tone: 'warning' };
    case 'csat':
      return {
        title: `Rated ${str(d.score)}/5`,
        detail: str(d.comment),
        tone: Number(d.score) >= 4 ? 'success' : 'neutral',
      };
    case 'contact_email':
      return { title: 'Left an email to continue', detail: str(d.email), tone: 'neutral' };
    default:
      return { title: `${e.type.replace(/_/g, ' ')}${by}`, detail: join(move, reason), tone: 'neutral' };
  }
}
