// Admin: outbound webhook deliveries (Slack, PagerDuty, custom), newest first, filtered by status.
import { useModel } from '@preact/signals';
import { useSignedIn } from '../app-context.js';
import type { DeliveryStatus } from '../api/types.js';
import { Alert } from '../components/Alert.js';
import { Spinner } from '../components/Spinner.js';
import { useDocumentTitle } from '../hooks/use-document-title.js';
import { formatDateTime } from '../lib/format.js';
import { DeliveriesModel } from '../models/deliveries-model.js';

const FILTERS: Array<{ id: DeliveryStatus | null; label: string }> = [
  { id: null, label: 'All' },
  { id: 'pending', label: 'Pending' },
  { id: 'delivered', label: 'Delivered' },
  { id: 'failed', label: 'Failed' },
];

export function WebhooksScreen() {
  const { api } = useSignedIn();
  const model = useModel(() => new DeliveriesModel(api));
  const rows = model.deliveries.value;
  useDocumentTitle('Webhooks · Firstline');

  return (
    <div class="page">
      <div class="page-head">
        <h1>Webhook deliveries</h1>
        <button type="button" class="btn btn-ghost" onClick={() => void model.reload()} disabled={model.loading.value}>
          Refresh
        </button>
      </div>
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
      <section class="card" aria-label="Deliveries" aria-busy={model.loading.value}>
        {model.loading.value && rows.length === 0 ? (
          <Spinner label="Loading deliveries" />
        ) : rows.length === 0 ? (
          <p class="muted">No deliveries{model.status.value ? ` with status ${model.status.value}` : ''}.</p>
        ) : (
          <div class="table-wrap">
            <table class="table table-compact">
              <thead>
                <tr>
                  <th scope="col">Created</th>
                  <th scope="col">Event</th>
                  <th scope="col">Target</th>
                  <th scope="col">Status</th>
                  <th scope="col" class="num">Attempts</th>
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
                    <td class="small">{d.deliveredAt ? formatDateTime(d.deliveredAt) : d.status === 'pending' ? formatDateTime(d.nextAttemptAt) : '—'}</td>
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
