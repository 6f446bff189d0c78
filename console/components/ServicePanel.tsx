// Service level and follow-up: SLA due times with live state, routing facts, the contact email.
import type { ConversationDetail } from '../api/types.js';
import { formatDateTime } from '../lib/format.js';
import { slaCountdown, slaLabel } from '../lib/sla.js';
import { SentimentSparkline } from './SentimentSparkline.js';

export function ServicePanel({ d, now, sentiment }: { d: ConversationDetail; now: number; sentiment: number[] }) {
  const sla = slaCountdown(d, now);
  return (
    <section class="panel" aria-labelledby="service-title">
      <h2 id="service-title" class="panel-title">
        Service level
      </h2>
      {sla && (
        <p class={`sla-line sla-${sla.state}`} role={sla.state === 'breached' ? 'status' : undefined}>
          {slaLabel(sla)}
        </p>
      )}
      <dl class="facts">
        <div>
          <dt>First reply due</dt>
          <dd>{d.firstResponseDueAt ? formatDateTime(d.firstResponseDueAt) : <span class="muted">—</span>}</dd>
        </div>
        {d.firstHumanResponseAt && (
          <div>
            <dt>First reply</dt>
            <dd>{formatDateTime(d.firstHumanResponseAt)}</dd>
          </div>
        )}
        <div>
          <dt>Resolution due</dt>
          <dd>{d.resolutionDueAt ? formatDateTime(d.resolutionDueAt) : <span class="muted">—</span>}</dd>
        </div>
        {d.slaBreachedAt && (
          <div>
            <dt>SLA breached</dt>
            <dd class="sla-breached">{formatDateTime(d.slaBreachedAt)}</dd>
          </div>
        )}
        {(d.skill || d.tier) && (
          <div>
            <dt>Skill · tier</dt>
            <dd>{[d.skill, d.tier].filter(Boolean).join(' · ')}</dd>
          </div>
        )}
        {(d.handoffCount ?? 0) > 1 && (
          <div>
            <dt>Handoffs</dt>
            <dd>{d.handoffCount}</dd>
          </div>
        )}
        <div>
          <dt>Contact email</dt>
          <dd data-testid="contact-email">
            {d.contactEmail ? (
              d.contactEmail
            ) : d.visitor?.email ? (
              <>
                {d.visitor.email} <span class="muted small">(from the visitor's account)</span>
              </>
            ) : (
              <span class="muted">none left</span>
            )}
          </dd>
        </div>
        <div>
          <dt>Sentiment trend</dt>
          <dd>
            <SentimentSparkline values={sentiment} />
          </dd>
        </div>
      </dl>
    </section>
  );
}
