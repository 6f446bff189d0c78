import type { ComponentChildren } from 'preact';

/** One figure with its label; `definition` says exactly what is counted, right under it. */
export function MetricCard({
  label,
  value,
  hint,
  definition,
}: {
  label: string;
  value: ComponentChildren;
  hint?: string;
  definition?: string;
}) {
  return (
    <div class={`metric ${definition ? 'metric-defined' : ''}`}>
      <div class="metric-label">{label}</div>
      <div class="metric-value">{value}</div>
      {hint && <div class="metric-hint muted small">{hint}</div>}
      {definition && (
        <p class="metric-definition muted small" data-testid="metric-definition">
          {definition}
        </p>
      )}
    </div>
  );
}
