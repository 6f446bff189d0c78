// Admin: how the AI and the team are doing, as cards over a chosen range.
import { useModel } from '@preact/signals';
import { useSignedIn } from '../app-context.js';
import { Alert } from '../components/Alert.js';
import { MetricCard } from '../components/MetricCard.js';
import { Spinner } from '../components/Spinner.js';
import { EmptyState } from '../components/EmptyState.js';
import { useDocumentTitle } from '../hooks/use-document-title.js';
import { formatDuration, formatPercent } from '../lib/format.js';
import { MetricsModel, type MetricsRange } from '../models/metrics-model.js';
import { useState } from 'preact/hooks';
import { errorMessage } from '../api/client.js';
import { BreakdownChart } from '../components/BreakdownChart.js';
import { DailyChart } from '../components/DailyChart.js';

const RANGES: Array<{ id: MetricsRange; label: string }> = [
  { id: '24h', label: 'Last 24 hours' },
  { id: '7d', label: 'Last 7 days' },
  { id: '30d', label: 'Last 30 days' },
  { id: 'all', label: 'All time' },
  { id: 'custom', label: 'Custom dates…' },
];

function saveBlob(blob: Blob, name: string) {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

/** CSAT may arrive as a 0..1 ratio or a 1..5 score; show whichever it is. */
function formatCsat(csat: number | null): string {
  if (csat === null || csat === undefined || !Number.isFinite(csat)) return '—';
  return csat <= 1 ? formatPercent(csat) : `${csat.toFixed(1)} / 5`;
}

export function AnalyticsScreen() {
  const { api } = useSignedIn();
  const model = useModel(() => new MetricsModel(api));
  const m = model.metrics.value;
  const [from, setFrom] = useState(model.customFrom.value);
  const [to, setTo] = useState(model.customTo.value);
  const [downloading, setDownloading] = useState<'md' | 'csv' | null>(null);
  const [downloadError, setDownloadError] = useState<string | null>(null);
  useDocumentTitle('Analytics · Firstline');

  async function download(format: 'md' | 'csv') {
    setDownloading(format);
    setDownloadError(null);
    try {
      const blob = await api.downloadReport(format, model.bounds());
      saveBlob(blob, `firstline-escalations-${new Date().toISOString().slice(0, 10)}.${format}`);
    } catch (err) {
      setDownloadError(errorMessage(err));
    } finally {
      setDownloading(null);
    }
  }

  return (
    <div class="page">
      <div class="page-head">
        <h1>Analytics</h1>
        <label class="field field-inline">
          <span class="field-label">Range</span>
          <select
            value={model.range.value}
            onChange={(e) => {
              const next = e.currentTarget.value as MetricsRange;
              if (next === 'custom') model.setCustom(from, to);
              else model.setRange(next);
            }}
          >
            {RANGES.map((r) => (
              <option key={r.id} value={r.id}>
                {r.label}
              </option>
            ))}
          </select>
        </label>
      </div>
      {model.range.value === 'custom' && (
        <form
          class="filter-bar"
          aria-label="Custom date range"
          onSubmit={(e) => {
            e.preventDefault();
            model.setCustom(from, to);
          }}
        >
          <label class="field field-inline">
            <span class="field-label">From</span>
            <input type="date" value={from} max={to || undefined} onInput={(e) => setFrom(e.currentTarget.value)} />
          </label>
          <label class="field field-inline">
            <span class="field-label">To</span>
            <input type="date" value={to} min={from || undefined} onInput={(e) => setTo(e.currentTarget.value)} />
          </label>
          <button type="submit" class="btn">
            Apply
          </button>
        </form>
      )}
      <div class="report-links" role="group" aria-label="Download the escalation report">
        <span class="muted small">Weekly report for this range:</span>
        <button
          type="button"
          class="btn btn-small"
          onClick={() => void download('md')}
          disabled={downloading !== null}
          aria-busy={downloading === 'md'}
        >
          Download Markdown
        </button>
        <button
          type="button"
          class="btn btn-small"
          onClick={() => void download('csv')}
          disabled={downloading !== null}
          aria-busy={downloading === 'csv'}
        >
          Download CSV
        </button>
      </div>
      {downloadError && <Alert>{downloadError}</Alert>}
      {model.error.value && <Alert>{model.error.value}</Alert>}
      {m && m.conversations === 0 && !model.loading.value && (
        <EmptyState
          icon="∅"
          title="No conversations in this range"
          hint={
            'The numbers fill in as customers chat. ' +
            'Open the demo app and ask the widget a question to see your first one, ' +
            'or choose a longer range above.'
          }
          action={{ label: 'Open the demo app', href: '/', external: true }}
          testId="analytics-empty"
        />
      )}
      {!m ? (
        model.loading.value && <Spinner label="Loading metrics" />
      ) : (
        <div class={`metrics ${model.loading.value ? 'is-stale' : ''}`} aria-busy={model.loading.value}>
          <MetricCard label="Conversations" value={m.conversations} />
          <MetricCard
            label="Resolved by the AI"
            value={m.aiResolved}
            hint={m.conversations > 0 ? `${formatPercent(m.aiResolved / m.conversations)} of conversations` : undefined}
            definition={m.aiResolvedDefinition}
          />
          <MetricCard label="Handoffs" value={m.handoffs} />
          <MetricCard
            label="Escalation rate"
            value={formatPercent(m.escalationRate)}
            hint="Conversations handed to a human"
          />
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
          <MetricCard
            label="CSAT"
            value={formatCsat(m.csat)}
            hint={m.csatResponses !== undefined ? `${m.csatResponses} ratings` : 'Visitor satisfaction'}
          />
          {m.medianResolutionAfterEscalationSeconds !== undefined && (
            <MetricCard
              label="Median resolution after handoff"
              value={formatDuration(m.medianResolutionAfterEscalationSeconds, true)}
              hint="From the handoff to resolved"
            />
          )}
          {m.transfersPerConversation !== undefined && (
            <MetricCard
              label="Transfers per conversation"
              value={m.transfersPerConversation === null ? '—' : m.transfersPerConversation.toFixed(2)}
              hint="Among handed-off conversations"
            />
          )}
          {m.slaBreaches !== undefined && <MetricCard label="SLA breaches" value={m.slaBreaches} />}
          {m.unnecessaryHandoffs !== undefined && (
            <MetricCard
              label="Unnecessary handoffs"
              value={m.unnecessaryHandoffs}
              hint="Agents said the AI could have answered"
            />
          )}
          {m.missedHandoffs !== undefined && (
            <MetricCard
              label="Missed handoffs"
              value={m.missedHandoffs}
              hint="Agents said it should have come sooner"
            />
          )}
        </div>
      )}
      {m && m.daily && (
        <section class="card" aria-labelledby="daily-title">
          <h2 id="daily-title" class="card-title">
            Per day
          </h2>
          <DailyChart daily={m.daily} />
        </section>
      )}
      {m && (m.byIntent || m.byTier || m.byPage) && (
        <section class="card" aria-labelledby="breakdown-title">
          <h2 id="breakdown-title" class="card-title">
            Escalation rate
          </h2>
          <div class="chart-grid-3">
            <BreakdownChart title="By intent" rows={m.byIntent ?? []} />
            <BreakdownChart title="By tier" rows={m.byTier ?? []} />
            <BreakdownChart title="By page" rows={m.byPage ?? []} />
          </div>
        </section>
      )}
    </div>
  );
}
