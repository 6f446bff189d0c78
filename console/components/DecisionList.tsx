// "What the AI tried": every pipeline decision with its reason and signals, trace on demand.
import type { Decision } from '../api/types.js';
import { signalTripped } from '../../protocol/signal-tripped.js';
import { formatSignalValue, formatTime } from '../lib/format.js';

function hasTrace(trace: unknown): boolean {
  if (trace === null || trace === undefined) return false;
  if (typeof trace === 'object') return Object.keys(trace as object).length > 0;
  return true;
}

export function DecisionList({ decisions }: { decisions: readonly Decision[] }) {
  return (
    <section class="panel" aria-labelledby="decisions-title">
      <h2 id="decisions-title" class="panel-title">
        What the AI tried
      </h2>
      {decisions.length === 0 ? (
        <p class="muted">No AI decisions recorded.</p>
      ) : (
        <ol class="decisions">
          {decisions.map((d, i) => (
            <li key={`${d.createdAt}-${i}`} class="decision">
              <div class="decision-head">
                <span class={`chip chip-action chip-${d.action.replace(/[^a-z0-9_-]/gi, '')}`}>{d.action}</span>
                <time class="muted small" dateTime={d.createdAt}>
                  {formatTime(d.createdAt)}
                </time>
              </div>
              <p class="decision-reason">{d.reason}</p>
              {d.signals?.length > 0 && (
                <ul class="signal-chips" aria-label="Signals">
                  {d.signals.map((s, j) => (
                    <li key={`${s.name}-${j}`} class={`chip ${signalTripped(s) ? 'chip-tripped' : 'chip-muted'}`}>
                      {s.name}: {formatSignalValue(s.value)}
                      {s.threshold !== undefined &&
                        ` / ${s.trips === 'above' ? '≥' : s.trips === 'below' ? '≤' : ''}` +
                          `${formatSignalValue(s.threshold)}`}
                      {signalTripped(s) && <span class="sr-only"> (past the threshold)</span>}
                    </li>
                  ))}
                </ul>
              )}
              {hasTrace(d.trace) && (
                <details class="trace">
                  <summary>Trace</summary>
                  <pre>{JSON.stringify(d.trace, null, 2)}</pre>
                </details>
              )}
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
