// Canned responses: agents insert them with "/" + shortcut in the reply box; admins add and remove them.
import { useModel } from '@preact/signals';
import { useState } from 'preact/hooks';
import { useSignedIn } from '../app-context.js';
import { Alert } from '../components/Alert.js';
import { Spinner } from '../components/Spinner.js';
import { EmptyState } from '../components/EmptyState.js';
import { focusField } from '../lib/focus-field.js';
import { useDocumentTitle } from '../hooks/use-document-title.js';
import { CannedModel } from '../models/canned-model.js';

const EMPTY = { title: '', text: '', shortcut: '' };

export function CannedScreen() {
  const { api, me } = useSignedIn();
  const model = useModel(() => new CannedModel(api));
  const [f, setF] = useState(EMPTY);
  const isAdmin = me.role === 'admin';
  const items = model.items.value;
  useDocumentTitle('Canned responses · Firstline');

  return (
    <div class="page">
      <div class="page-head">
        <h1>Canned responses</h1>
        <span class="muted">Type / and the shortcut in a reply to insert one.</span>
      </div>
      {model.error.value && <Alert>{model.error.value}</Alert>}
      <section class="card" aria-labelledby="canned-title">
        <h2 id="canned-title" class="card-title">
          Responses
        </h2>
        {model.loading.value && items.length === 0 ? (
          <Spinner label="Loading canned responses" />
        ) : items.length === 0 ? (
          <EmptyState
            icon="+"
            title="No canned replies yet"
            hint={
              isAdmin
                ? 'Save the answers your team types again and again (a greeting, "looking into it", ' +
                  'your refund terms). Agents insert one by typing / and its shortcut in a reply.'
                : 'Saved replies your team uses often appear here; ' +
                  'agents insert one by typing / and its shortcut in a reply. Ask an admin to add some.'
            }
            action={
              isAdmin
                ? { label: 'Add the first reply', onClick: () => focusField('#canned-form-title ~ .form-row input') }
                : undefined
            }
            testId="canned-empty"
          />
        ) : (
          <div class="table-wrap">
            <table class="table">
              <thead>
                <tr>
                  <th scope="col">Title</th>
                  <th scope="col">Shortcut</th>
                  <th scope="col">Text</th>
                  {isAdmin && (
                    <th scope="col">
                      <span class="sr-only">Actions</span>
                    </th>
                  )}
                </tr>
              </thead>
              <tbody>
                {items.map((c) => (
                  <tr key={c.id}>
                    <th scope="row">{c.title}</th>
                    <td>{c.shortcut ? <code>/{c.shortcut}</code> : <span class="muted">—</span>}</td>
                    <td class="canned-text">{c.text}</td>
                    {isAdmin && (
                      <td>
                        <button
                          type="button"
                          class="btn btn-ghost btn-small"
                          aria-label={`Delete ${c.title}`}
                          onClick={() => void model.remove(c.id)}
                        >
                          Delete
                        </button>
                      </td>
                    )}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
      {isAdmin && (
        <form
          class="card form"
          aria-labelledby="canned-form-title"
          onSubmit={async (e) => {
            e.preventDefault();
            const ok = await model.add({
              title: f.title.trim(),
              text: f.text.trim(),
              shortcut: f.shortcut.trim().replace(/^\//, '') || undefined,
            });
            if (ok) setF(EMPTY);
          }}
        >
          <h2 id="canned-form-title" class="card-title">
            Add a response
          </h2>
          <div class="form-row">
            <label class="field grow">
              <span class="field-label">Title</span>
              <input
                required
                maxLength={200}
                value={f.title}
                onInput={(e) => setF({ ...f, title: e.currentTarget.value })}
              />
            </label>
            <label class="field">
              <span class="field-label">Shortcut</span>
              <input
                pattern="/?[A-Za-z0-9_\-]+"
                maxLength={50}
                placeholder="refund"
                value={f.shortcut}
                onInput={(e) => setF({ ...f, shortcut: e.currentTarget.value })}
                aria-describedby="shortcut-hint"
              />
              <span id="shortcut-hint" class="field-hint">
                Letters, digits, - and _.
              </span>
            </label>
          </div>
          <label class="field">
            <span class="field-label">Text</span>
            <textarea
              required
              rows={4}
              maxLength={4000}
              value={f.text}
              onInput={(e) => setF({ ...f, text: e.currentTarget.value })}
            />
          </label>
          <div class="form-actions">
            <button type="submit" class="btn btn-primary" disabled={model.saving.value} aria-busy={model.saving.value}>
              Add response
            </button>
          </div>
        </form>
      )}
    </div>
  );
}
