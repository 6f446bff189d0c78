import type { ComponentChildren } from 'preact';

export function MetricCard({ label, value, hint }: { label: string; value: ComponentChildren; hint?: string }) {
  return (
    <div class="metric">
      <div class="metric-label">{label}</div>
      <div class="metric-value">{value}</div>
      {hint && <div class="metric-hint muted small">{hint}</div>}
    </div>
  );
}
