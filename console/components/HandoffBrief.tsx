// Why the AI handed over: the packet an agent reads before typing the first word.
import type { Handoff, PageRef, Signal } from '../api/types.js';
import { formatDateTime, formatSignalValue, sentimentLabel } from '../lib/format.js';
import { signalTripped } from '../../protocol/signal-tripped.js';
import { PriorityBadge } from './PriorityBadge.js';

/** "at or above" / "at or below": which side trips, as the server says (older rows: unknown, so nothing is painted). */
function thresholdText(s: Signal): string {
  if (s.threshold === undefined) return '—';
  const side = s.trips === 'above' ? '≥ ' : s.trips === 'below' ? '≤ ' : '';
  return `${side}${formatSignalValue(s.threshold)}`;
}

export function HandoffBrief({ handoff, page }: { handoff: Handoff; page: PageRef | null }) {
  return (
    <section class="panel brief" data-testid="handoff-brief" aria-labelledby="brief-title">
      <h2 id="brief-title" class="panel-title">
        Handoff brief
      </h2>
      <dl class="facts">
        <div>
          <dt>Reason</dt>
          <dd>{handoff.reason}</dd>
        </div>
        <div>
          <dt>Intent</dt>
          <dd>{handoff.intent ?? <span class="muted">out of scope</span>}</dd>
        </div>
        <div>
          <dt>Priority</dt>
          <dd>
            <PriorityBadge priority={handoff.priority} />
          </dd>
        </div>
        <div>
          <dt>Sentiment</dt>
          <dd>
            {sentimentLabel(handoff.sentiment)}{' '}
            <span class="muted">({Number.isFinite(handoff.sentiment) ? handoff.sentiment.toFixed(2) : '—'})</span>
          </dd>
        </div>
        <div>
          <dt>Page</dt>
          <dd class="small">{page ? page.url : <span class="muted">unknown</span>}</dd>
        </div>
        <div>
          <dt>Handed off</dt>
          <dd>{formatDateTime(handoff.createdAt)}</dd>
        </div>
      </dl>
      {handoff.brief && <p class="brief-text">{handoff.brief}</p>}
      {handoff.signals.length > 0 && (
        <table class="table table-compact signals">
          <caption class="sr-only">Signals that led to the handoff</caption>
          <thead>
            <tr>
              <th scope="col">Signal</th>
              <th scope="col" class="num">
                Value
              </th>
              <th scope="col" class="num">
                Threshold
              </th>
            </tr>
          </thead>
          <tbody>
            {handoff.signals.map((s, i) => (
              <tr
                key={`${s.name}-${i}`}
                class={signalTripped(s) ? 'is-over' : ''}
                data-tripped={signalTripped(s) ? 'true' : 'false'}
              >
                <th scope="row">{s.name}</th>
                <td class="num">
                  {formatSignalValue(s.value)}
                  {signalTripped(s) && <span class="sr-only"> (past the threshold)</span>}
                </td>
                <td
                  class="num"
                  title={
                    s.trips
                      ? `Trips when the value is ${s.trips === 'above' ? 'at or above' : 'at or below'} this`
                      : undefined
                  }
                >
                  {thresholdText(s)}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
