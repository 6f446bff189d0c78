// Admin: outbound webhook deliveries (Slack, PagerDuty, custom), newest first, filtered by status,
// with how far behind delivery is (backlog, lag, rate).
import { useModel } from '@preact/signals';
import { useSignedIn } from '../app-context.js';
import type { DeliveryStatus, WebhookStats } from '../api/types.js';
import { Alert } from '../components/Alert.js';
import { Spinner } from '../components/Spinner.js';
import { useDocumentTitle } from '../hooks/use-document-title.js';
import { formatDateTime, formatDuration } from '../lib/format.js';
import { DeliveriesModel } from '../models/deliveries-model.js';
import { WebhookEndpointsModel } from '../models/webhook-endpoints-model.js';
import { WebhookEndpointsPanel } from '../components/WebhookEndpointsPanel.js';

const FILTERS: Array<{ id: DeliveryStatus | null; label: string }> = [
  { id: null, label: 'All' },
  { id: 'pending', label: 'Pending' },
  { id: 'delivered', label: 'Delivered' },
  { id: 'failed', label: 'Failed' },
];

export function WebhooksScreen() {
  const { api } = useSignedIn();
  const model = useModel(() => new DeliveriesModel(api));
  const endpoints = useModel(() => new WebhookEndpointsModel(api));
  const rows = model.deliveries.value;
  useDocumentTitle('Webhooks · Firstline');

  return (
    <div class="page">
      <div class="page-head">
        <h1>Webhooks</h1>
        <button type="button" class="btn btn-ghost" onClick={() => void model.reload()} disabled={model.loading.value}>
          Refresh
        </button>
      </div>
      <WebhookEndpointsPanel model={endpoints} />
      <h2>All deliveries</h2>
      <div class="segmented" role="group" aria-label="Filter by status">
        {FILTERS.map((f) => (
          <button
            key={f.label}
            type="button"
            class={`btn btn-small ${model.status.value === f.id ? 'btn-primary' : ''}`}
            aria-pressed={model.status.value === f.id}
            onClick={() => model.setStatus(f.id)}
          >
            {f.label}
          </button>
        ))}
      </div>
      {model.error.value && <Alert>{model.error.value}</Alert>}
      {model.stats.value && <DeliveryHealth stats={model.stats.value} />}
      <section class="card" aria-label="Deliveries" aria-busy={model.loading.value}>
        {model.loading.value && rows.length === 0 ? (
          <Spinner label="Loading deliveries" />
        ) : rows.length === 0 ? (
          <NoDeliveries status={model.status.value} configured={model.stats.value?.webhookConfigured ?? true} />
        ) : (
          <div class="table-wrap">
            <table class="table table-compact">
              <thead>
                <tr>
                  <th scope="col">Created</th>
                  <th scope="col">Event</th>
                  <th scope="col">Target</th>
                  <th scope="col">Status</th>
                  <th scope="col" class="num">
                    Attempts
                  </th>
                  <th scope="col">Response</th>
                  <th scope="col">Next attempt / delivered</th>
                </tr>
              </thead>
              <tbody>
                {rows.map((d) => (
                  <tr key={d.id}>
                    <td>{formatDateTime(d.createdAt)}</td>
                    <th scope="row">{d.event}</th>
                    <td>
                      <span class="chip">{d.target}</span> <span class="small muted break">{d.url}</span>
                    </td>
                    <td>
                      <span class={`delivery delivery-${d.status}`}>{d.status}</span>
                    </td>
                    <td class="num">{d.attempts}</td>
                    <td class="small">
                      {d.responseStatus ?? '—'}
                      {d.lastError && <div class="muted break">{d.lastError}</div>}
                    </td>
                    <td class="small">
                      {d.deliveredAt
                        ? formatDateTime(d.deliveredAt)
                        : d.status === 'pending'
                          ? formatDateTime(d.nextAttemptAt)
                          : '—'}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
    </div>
  );
}

/** Backlog, lag and rate, refreshed every few seconds; a warning when delivery falls behind. */
function DeliveryHealth({ stats }: { stats: WebhookStats }) {
  const caughtUp = stats.backlog === 0;
  return (
    <section aria-label="Delivery health">
      {stats.behind && (
        <Alert>
          {`Webhooks are falling behind: ${stats.backlog} due, ` +
            `the oldest waiting ${formatDuration(stats.lagSeconds, true)}.`}{' '}
          {stats.failedLastMinute > 0
            ? `${stats.failedLastMinute} attempts failed in the last minute: ` +
              `check that the receiver is up and answers quickly.`
            : `The receiver is slow to answer; ` +
              `raising WEBHOOK_CONCURRENCY (now ${stats.concurrency} per server) sends more at once.`}
        </Alert>
      )}
      <div class="metrics">
        <div class="metric">
          <div class="metric-label">Backlog</div>
          <div class="metric-value">{stats.backlog}</div>
          <div class="small muted">{caughtUp ? 'caught up' : `${stats.inFlight} being sent now`}</div>
        </div>
        <div class="metric">
          <div class="metric-label">Lag</div>
          <div class="metric-value">{caughtUp ? '—' : formatDuration(stats.lagSeconds, true)}</div>
          <div class="small muted">
            oldest due delivery waiting; warns past {formatDuration(stats.thresholds.lagSeconds, true)}
          </div>
        </div>
        <div class="metric">
          <div class="metric-label">Delivered, last minute</div>
          <div class="metric-value">{stats.deliveredLastMinute}</div>
          <div class="small muted">{Math.round((stats.deliveredLastMinute / 60) * 10) / 10} per second</div>
        </div>
        <div class="metric">
          <div class="metric-label">Failed, last minute</div>
          <div class="metric-value">{stats.failedLastMinute}</div>
          <div class="small muted">
            {stats.retrying} waiting to retry · {stats.failedTotal} given up
          </div>
        </div>
      </div>
    </section>
  );
}

function NoDeliveries({ status, configured }: { status: DeliveryStatus | null; configured: boolean }) {
  if (status) return <p class="muted">No deliveries with status {status}.</p>;
  if (!configured)
    return (
      <div class="empty-state">
        <h2>No deliveries yet</h2>
        <p class="muted">
          Add an endpoint above (or set <code>WEBHOOK_URL</code> and restart the server): every conversation event,
          handoff, SLA alert and rating it subscribes to is then POSTed to it, signed, retried with backoff, and listed
          here.
        </p>
      </div>
    );
  return (
    <div class="empty-state">
      <h2>Nothing sent yet</h2>
      <p class="muted">
        Deliveries appear here as conversations happen: messages, handoffs, assignments, resolutions and ratings.
      </p>
    </div>
  );
}
