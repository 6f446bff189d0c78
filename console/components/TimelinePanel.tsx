// The escalation log: every handoff, offer, assignment, transfer and SLA event, oldest first.
import type { TimelineEvent } from '../api/types.js';
import { formatDateTime, formatTime } from '../lib/format.js';
import { describeEvent } from '../lib/timeline.js';

export function TimelinePanel({ events }: { events: TimelineEvent[] }) {
  return (
    <section class="panel" aria-labelledby="timeline-title">
      <h2 id="timeline-title" class="panel-title">
        Escalation timeline
      </h2>
      {events.length === 0 ? (
        <p class="muted small">Nothing has happened yet.</p>
      ) : (
        <ol class="timeline">
          {events.map((e) => {
            const line = describeEvent(e, formatTime);
            return (
              <li key={e.id} class={`timeline-item tone-${line.tone}`}>
                <time class="small muted" dateTime={e.at}>
                  {formatDateTime(e.at)}
                </time>
                <div class="timeline-title">{line.title}</div>
                {line.detail && <div class="small">{line.detail}</div>}
                {e.actor && !line.title.includes(e.actor) && <div class="small muted">by {e.actor}</div>}
              </li>
            );
          })}
        </ol>
      )}
    </section>
  );
}
