// Was handing this conversation to a human the right call? Feeds the unnecessary/missed metrics.
import type { Verdict } from '../api/types.js';

const OPTIONS: Array<{ id: Verdict; label: string }> = [
  { id: 'correct', label: 'Right call' },
  { id: 'unnecessary', label: 'Should not have handed off' },
  { id: 'missed', label: 'Should have handed off sooner' },
];

export function VerdictButtons({
  value,
  error,
  onChange,
}: {
  value: Verdict | null;
  error: string | null;
  onChange: (v: Verdict) => void;
}) {
  return (
    <section class="panel" aria-labelledby="verdict-title">
      <h2 id="verdict-title" class="panel-title">
        Was the handoff right?
      </h2>
      <div class="verdicts" role="group" aria-labelledby="verdict-title">
        {OPTIONS.map((o) => (
          <button
            key={o.id}
            type="button"
            class={`btn btn-small ${value === o.id ? 'btn-primary' : ''}`}
            aria-pressed={value === o.id}
            onClick={() => onChange(o.id)}
          >
            {o.label}
          </button>
        ))}
      </div>
      {error && (
        <p class="small alert-text" role="alert">
          {error}
        </p>
      )}
    </section>
  );
}
