// Admin: how the AI and the team are doing, as cards over a chosen range.
import { useModel } from '@preact/signals';
import { useSignedIn } from '../app-context.js';
import { Alert } from '../components/Alert.js';
import { MetricCard } from '../components/MetricCard.js';
import { Spinner } from '../components/Spinner.js';
import { useDocumentTitle } from '../hooks/use-document-title.js';
import { formatDuration, formatPercent } from '../lib/format.js';
import { MetricsModel, type MetricsRange } from '../models/metrics-model.js';

const RANGES: Array<{ id: MetricsRange; label: string }> = [
  { id: '24h', label: 'Last 24 hours' },
  { id: '7d', label: 'Last 7 days' },
  { id: '30d', label: 'Last 30 days' },
  { id: 'all', label: 'All time' },
];

/** CSAT may arrive as a 0..1 ratio or a 1..5 score; show whichever it is. */
function formatCsat(csat: number | null): string {
  if (csat === null || csat === undefined || !Number.isFinite(csat)) return '—';
  return csat <= 1 ? formatPercent(csat) : `${csat.toFixed(1)} / 5`;
}

export function AnalyticsScreen() {
  const { api } = useSignedIn();
  const model = useModel(() => new MetricsModel(api));
  const m = model.metrics.value;
  useDocumentTitle('Analytics · Firstline');

  return (
    <div class="page">
      <div class="page-head">
        <h1>Analytics</h1>
        <label class="field field-inline">
          <span class="field-label">Range</span>
          <select value={model.range.value} onChange={(e) => model.setRange(e.currentTarget.value as MetricsRange)}>
            {RANGES.map((r) => (
              <option key={r.id} value={r.id}>
                {r.label}
              </option>
            ))}
          </select>
        </label>
      </div>
      {model.error.value && <Alert>{model.error.value}</Alert>}
      {!m ? (
        model.loading.value && <Spinner label="Loading metrics" />
      ) : (
        <div class={`metrics ${model.loading.value ? 'is-stale' : ''}`} aria-busy={model.loading.value}>
          <MetricCard label="Conversations" value={m.conversations} />
          <MetricCard
            label="Resolved by the AI"
            value={m.aiResolved}
            hint={m.conversations > 0 ? `${formatPercent(m.aiResolved / m.conversations)} of conversations` : undefined}
          />
          <MetricCard label="Handoffs" value={m.handoffs} />
          <MetricCard label="Escalation rate" value={formatPercent(m.escalationRate)} hint="Conversations handed to a human" />
          <MetricCard
            label="Median time to handoff"
            value={formatDuration(m.medianTimeToHandoffSeconds, true)}
            hint="From the first message to the handoff"
          />
          {m.medianTimeToFirstHumanResponseSeconds !== undefined && (
            <MetricCard
              label="Median first human reply"
              value={formatDuration(m.medianTimeToFirstHumanResponseSeconds, true)}
              hint="From the handoff to an agent's first message"
            />
          )}
          <MetricCard
            label="Re-escalation rate"
            value={formatPercent(m.reEscalationRate)}
            hint="Handed off again after being resolved"
          />
          <MetricCard label="CSAT" value={formatCsat(m.csat)} hint="Visitor satisfaction" />
        </div>
      )}
    </div>
  );
}
