// Admin: the webhook endpoints (add, pause, send a test, rotate the secret, delete) and the selected endpoint's
// delivery log.
import { useState } from 'preact/hooks';
import { WEBHOOK_EVENTS } from '../../protocol/webhook-events.js';
import type { WebhookEndpoint, WebhookEventName } from '../api/types.js';
import { formatDateTime } from '../lib/format.js';
import type { WebhookEndpointsState } from '../models/webhook-endpoints-model.js';
import { Alert } from './Alert.js';

export function WebhookEndpointsPanel({ model }: { model: WebhookEndpointsState }) {
  const endpoints = model.endpoints.value;
  const selected = endpoints.find((e) => e.id === model.selected.value) ?? null;
  return (
    <>
      <section class="card" aria-labelledby="endpoints-title">
        <h2 id="endpoints-title" class="card-title">
          Endpoints
        </h2>
        <p class="muted small">
          Each endpoint gets the events you pick, as a signed POST (
          <code>X-Firstline-Signature: sha256=HMAC(secret, timestamp.body)</code>), retried with backoff. A slow
          endpoint only delays its own deliveries.
        </p>
        {model.error.value && <Alert>{model.error.value}</Alert>}
        {model.notice.value && (
          <p class="notice" role="status">
            {model.notice.value}
          </p>
        )}
        {model.revealed.value && <SecretOnce model={model} />}
        {endpoints.length === 0 ? (
          <p class="muted">
            {model.loading.value
              ? 'Loading endpoints…'
              : 'No endpoints yet: add the URL of a receiver below, then send it a test event.'}
          </p>
        ) : (
          <div class="table-wrap">
            <table class="table table-compact">
              <thead>
                <tr>
                  <th scope="col">Endpoint</th>
                  <th scope="col">Events</th>
                  <th scope="col">Status</th>
                  <th scope="col" class="num">
                    Delivered
                  </th>
                  <th scope="col" class="num">
                    Pending
                  </th>
                  <th scope="col" class="num">
                    Failed
                  </th>
                  <th scope="col">Actions</th>
                </tr>
              </thead>
              <tbody>
                {endpoints.map((e) => (
                  <EndpointRow key={e.id} endpoint={e} model={model} />
                ))}
              </tbody>
            </table>
          </div>
        )}
        <AddEndpointForm model={model} />
      </section>
      {selected && <EndpointLog endpoint={selected} model={model} />}
    </>
  );
}

function EndpointRow({ endpoint: e, model }: { endpoint: WebhookEndpoint; model: WebhookEndpointsState }) {
  const config = e.source === 'config';
  const busy = model.busy.value;
  return (
    <tr aria-selected={model.selected.value === e.id} class={model.selected.value === e.id ? 'row-selected' : ''}>
      <th scope="row">
        <span class="break">{e.url}</span>
        <div class="small muted">
          {config ? <span class="chip chip-muted">WEBHOOK_URL</span> : null} {e.description}
          {config && !e.signed ? ' · unsigned (set WEBHOOK_SECRET)' : ''}
        </div>
      </th>
      <td class="small">{e.events.length === 0 ? 'All events' : e.events.join(', ')}</td>
      <td>
        <span class={`chip ${e.enabled ? 'chip-ok' : 'chip-muted'}`}>{e.enabled ? 'Enabled' : 'Paused'}</span>
      </td>
      <td class="num">{e.deliveries.delivered}</td>
      <td class="num">{e.deliveries.pending}</td>
      <td class="num">{e.deliveries.failed}</td>
      <td class="actions">
        <button
          type="button"
          class="btn btn-small"
          disabled={busy}
          aria-label={`Send a test event to ${e.url}`}
          onClick={() => void model.sendTest(e)}
        >
          Send test
        </button>{' '}
        <button
          type="button"
          class="btn btn-ghost btn-small"
          aria-label={`Show the delivery log of ${e.url}`}
          onClick={() => model.select(e.id)}
        >
          Log
        </button>
        {!config && (
          <>
            {' '}
            <button
              type="button"
              class="btn btn-ghost btn-small"
              disabled={busy}
              onClick={() => void model.setEnabled(e, !e.enabled)}
            >
              {e.enabled ? 'Pause' : 'Enable'}
            </button>{' '}
            <button
              type="button"
              class="btn btn-ghost btn-small"
              disabled={busy}
              aria-label={`Rotate the secret of ${e.url}`}
              onClick={() => void model.rotate(e)}
            >
              Rotate secret
            </button>{' '}
            <button
              type="button"
              class="btn btn-danger-ghost btn-small"
              disabled={busy}
              aria-label={`Delete ${e.url}`}
              onClick={() => {
                if (confirm(`Delete ${e.url} and its delivery log?`)) void model.remove(e);
              }}
            >
              Delete
            </button>
          </>
        )}
      </td>
    </tr>
  );
}

/** The signing secret, shown once: the server never returns it again. */
function SecretOnce({ model }: { model: WebhookEndpointsState }) {
  const r = model.revealed.value!;
  const [copied, setCopied] = useState(false);
  return (
    <div class="secret-once" role="alert" aria-labelledby="secret-title">
      <h3 id="secret-title">Signing secret for {r.url}</h3>
      <p class="small">Copy it into your receiver now: it is shown only this once. Rotate it to get a new one.</p>
      <div class="form-row">
        <input
          class="grow mono"
          readOnly
          aria-label="Signing secret"
          value={r.secret}
          onFocus={(e) => e.currentTarget.select()}
        />
        <button
          type="button"
          class="btn btn-small"
          onClick={() =>
            void navigator.clipboard?.writeText(r.secret).then(
              () => setCopied(true),
              () => setCopied(false),
            )
          }
        >
          {copied ? 'Copied' : 'Copy'}
        </button>
        <button type="button" class="btn btn-primary btn-small" onClick={() => model.dismissSecret()}>
          I saved it
        </button>
      </div>
    </div>
  );
}

function AddEndpointForm({ model }: { model: WebhookEndpointsState }) {
  const [url, setUrl] = useState('');
  const [description, setDescription] = useState('');
  const [events, setEvents] = useState<WebhookEventName[]>([]);
  return (
    <form
      class="endpoint-form"
      aria-label="Add a webhook endpoint"
      onSubmit={async (e) => {
        e.preventDefault();
        if (await model.add({ url: url.trim(), description: description.trim(), events })) {
          setUrl('');
          setDescription('');
          setEvents([]);
        }
      }}
    >
      <div class="form-row">
        <label class="field grow">
          <span class="field-label">Endpoint URL</span>
          <input
            type="url"
            required
            maxLength={2000}
            placeholder="https://example.com/hooks/firstline"
            value={url}
            onInput={(e) => setUrl(e.currentTarget.value)}
          />
        </label>
        <label class="field grow">
          <span class="field-label">Description</span>
          <input
            maxLength={200}
            placeholder="CRM sync"
            value={description}
            onInput={(e) => setDescription(e.currentTarget.value)}
          />
        </label>
      </div>
      <fieldset class="fieldset">
        <legend>Events (none ticked: all events)</legend>
        <div class="day-picker">
          {WEBHOOK_EVENTS.map((name) => (
            <label key={name} class="checkbox">
              <input
                type="checkbox"
                checked={events.includes(name)}
                onChange={(e) =>
                  setEvents(e.currentTarget.checked ? [...events, name] : events.filter((x) => x !== name))
                }
              />{' '}
              {name}
            </label>
          ))}
        </div>
      </fieldset>
      <button type="submit" class="btn btn-primary" disabled={model.busy.value}>
        Add endpoint
      </button>
    </form>
  );
}

function EndpointLog({ endpoint, model }: { endpoint: WebhookEndpoint; model: WebhookEndpointsState }) {
  const rows = model.log.value;
  return (
    <section class="card" aria-labelledby="endpoint-log-title">
      <div class="page-head">
        <h2 id="endpoint-log-title" class="card-title">
          Delivery log: <span class="break">{endpoint.url}</span>
        </h2>
        <button type="button" class="btn btn-ghost btn-small" onClick={() => void model.reload()}>
          Refresh log
        </button>
      </div>
      {rows.length === 0 ? (
        <p class="muted">
          Nothing sent to this endpoint yet. "Send test" posts a signed test event and shows the answer here.
        </p>
      ) : (
        <div class="table-wrap">
          <table class="table table-compact" aria-label={`Deliveries to ${endpoint.url}`}>
            <thead>
              <tr>
                <th scope="col">Created</th>
                <th scope="col">Event</th>
                <th scope="col">Status</th>
                <th scope="col" class="num">
                  Attempts
                </th>
                <th scope="col" class="num">
                  Response
                </th>
                <th scope="col" class="num">
                  Latency
                </th>
                <th scope="col">Last error</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((d) => (
                <tr key={d.id}>
                  <td>{formatDateTime(d.createdAt)}</td>
                  <th scope="row">{d.event}</th>
                  <td>
                    <span class={`delivery delivery-${d.status}`}>{d.status}</span>
                    {d.status === 'pending' && d.attempts > 0 && (
                      <div class="small muted">retry {formatDateTime(d.nextAttemptAt)}</div>
                    )}
                  </td>
                  <td class="num">{d.attempts}</td>
                  <td class="num">{d.responseStatus ?? '—'}</td>
                  <td class="num">{d.latencyMs === null ? '—' : `${d.latencyMs} ms`}</td>
                  <td class="small muted break">{d.lastError ?? '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
