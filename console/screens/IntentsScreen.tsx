// Admin: what the AI recognises and what it does for each intent. Text only (never innerHTML).
import { useModel } from '@preact/signals';
import { useState } from 'preact/hooks';
import type { Intent, IntentInput } from '../api/types.js';
import { useSignedIn } from '../app-context.js';
import { Alert } from '../components/Alert.js';
import { ConfirmDialog } from '../components/ConfirmDialog.js';
import { Spinner } from '../components/Spinner.js';
import { useDocumentTitle } from '../hooks/use-document-title.js';
import { IntentsModel, type Intents } from '../models/intents-model.js';

const POLICIES: Array<{ value: Intent['policy']; label: string }> = [
  { value: 'ai_answer', label: 'AI answers' },
  { value: 'handoff', label: 'Hand off' },
  { value: 'handoff_now', label: 'Hand off now (urgent)' },
];

interface Form {
  name: string;
  description: string;
  examples: string;
  skill: string;
  policy: Intent['policy'];
  severity: string;
  thresholds: string;
}
const EMPTY: Form = {
  name: '',
  description: '',
  examples: '',
  skill: 'general',
  policy: 'ai_answer',
  severity: '1',
  thresholds: '{}',
};
const toForm = (i: Intent): Form => ({
  name: i.name,
  description: i.description,
  examples: i.examples.join('\n'),
  skill: i.skill,
  policy: i.policy,
  severity: String(i.severity),
  thresholds: JSON.stringify(i.thresholds ?? {}),
});

export function IntentsScreen() {
  const { api } = useSignedIn();
  const model = useModel(() => new IntentsModel(api));
  // null: nothing open; '' : a new intent; otherwise the name being edited.
  const [editing, setEditing] = useState<string | null>(null);
  const [toDelete, setToDelete] = useState<string | null>(null);
  useDocumentTitle('Intents · Firstline');
  const intents = model.intents.value;
  const current = editing ? (intents.find((i) => i.name === editing) ?? null) : null;

  return (
    <div class="page">
      <div class="page-head">
        <h1>Intents</h1>
        <span class="muted">{intents.length} intents</span>
      </div>
      {model.error.value && <Alert>{model.error.value}</Alert>}
      {model.actionError.value && <Alert>{model.actionError.value}</Alert>}
      {model.notice.value && (
        <p class="muted" role="status">
          {model.notice.value}
        </p>
      )}
      <ImportExport model={model} />
      {editing !== null && (
        <IntentForm
          key={editing}
          initial={current ? toForm(current) : EMPTY}
          isNew={editing === ''}
          saving={model.busy.value}
          onCancel={() => setEditing(null)}
          onSave={async (input) => {
            if (await model.save(editing === '' ? null : editing, input)) setEditing(null);
          }}
        />
      )}
      <section class="card" aria-labelledby="intents-title">
        <div class="page-head">
          <h2 id="intents-title" class="card-title">
            All intents
          </h2>
          <button type="button" class="btn btn-primary" onClick={() => setEditing('')}>
            New intent
          </button>
        </div>
        {model.loading.value && intents.length === 0 ? (
          <Spinner label="Loading intents" />
        ) : (
          <div class="table-wrap">
            <table class="table">
              <thead>
                <tr>
                  <th scope="col">Name</th>
                  <th scope="col">Policy</th>
                  <th scope="col">Skill</th>
                  <th scope="col" class="num">
                    Severity
                  </th>
                  <th scope="col" class="num">
                    Examples
                  </th>
                  <th scope="col">Thresholds</th>
                  <th scope="col">
                    <span class="sr-only">Actions</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {intents.map((i) => (
                  <tr key={i.name}>
                    <th scope="row" title={i.description}>
                      {i.name}
                    </th>
                    <td>{POLICIES.find((p) => p.value === i.policy)?.label ?? i.policy}</td>
                    <td>{i.skill}</td>
                    <td class="num">{i.severity}</td>
                    <td class="num">{i.examples.length}</td>
                    <td>{Object.keys(i.thresholds ?? {}).length ? JSON.stringify(i.thresholds) : '—'}</td>
                    <td>
                      <button type="button" class="btn" onClick={() => setEditing(i.name)}>
                        Edit
                      </button>{' '}
                      <button type="button" class="btn btn-danger" onClick={() => setToDelete(i.name)}>
                        Delete
                      </button>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
      {toDelete && (
        <ConfirmDialog
          title={`Delete the intent “${toDelete}”?`}
          confirmLabel="Delete intent"
          danger
          onCancel={() => setToDelete(null)}
          onConfirm={() => {
            const name = toDelete;
            setToDelete(null);
            if (editing === name) setEditing(null);
            void model.remove(name);
          }}
        >
          Messages like its examples will be classified as another intent, or as out of scope.
        </ConfirmDialog>
      )}
    </div>
  );
}

function IntentForm(props: {
  initial: Form;
  isNew: boolean;
  saving: boolean;
  onSave: (i: IntentInput) => void;
  onCancel: () => void;
}) {
  const [f, setF] = useState<Form>(props.initial);
  const [local, setLocal] = useState<string | null>(null);
  const set = (k: keyof Form) => (e: Event) => setF({ ...f, [k]: (e.currentTarget as HTMLInputElement).value });
  return (
    <form
      class="card form"
      aria-labelledby="intent-form-title"
      onSubmit={(e) => {
        e.preventDefault();
        let thresholds: Record<string, number>;
        try {
          thresholds = f.thresholds.trim() ? (JSON.parse(f.thresholds) as Record<string, number>) : {};
        } catch {
          setLocal('Thresholds must be a JSON object, for example {"minSentiment": -0.3}.');
          return;
        }
        setLocal(null);
        props.onSave({
          name: f.name.trim(),
          description: f.description.trim(),
          examples: f.examples
            .split('\n')
            .map((l) => l.trim())
            .filter(Boolean),
          skill: f.skill.trim(),
          policy: f.policy,
          severity: Number(f.severity),
          thresholds,
        });
      }}
    >
      <h2 id="intent-form-title" class="card-title">
        {props.isNew ? 'New intent' : `Edit “${f.name}”`}
      </h2>
      {local && <Alert>{local}</Alert>}
      <div class="form-row">
        <label class="field grow">
          <span class="field-label">Name</span>
          <input
            required
            pattern="[a-z][a-z0-9_]{1,63}"
            readOnly={!props.isNew}
            value={f.name}
            onInput={set('name')}
            aria-describedby="intent-name-hint"
          />
          <span id="intent-name-hint" class="field-hint">
            Lowercase letters, digits and _.
          </span>
        </label>
        <label class="field">
          <span class="field-label">Skill</span>
          <input required value={f.skill} onInput={set('skill')} />
        </label>
        <label class="field">
          <span class="field-label">Policy</span>
          <select value={f.policy} onChange={set('policy')}>
            {POLICIES.map((p) => (
              <option key={p.value} value={p.value}>
                {p.label}
              </option>
            ))}
          </select>
        </label>
        <label class="field">
          <span class="field-label">Severity</span>
          <select value={f.severity} onChange={set('severity')}>
            {['0', '1', '2', '3'].map((s) => (
              <option key={s} value={s}>
                {s}
              </option>
            ))}
          </select>
        </label>
      </div>
      <label class="field">
        <span class="field-label">Description</span>
        <input value={f.description} onInput={set('description')} />
      </label>
      <label class="field">
        <span class="field-label">Examples</span>
        <textarea
          rows={8}
          required
          value={f.examples}
          onInput={set('examples')}
          aria-describedby="intent-examples-hint"
        />
        <span id="intent-examples-hint" class="field-hint">
          One per line, at least 3: varied wording, as visitors would type it.
        </span>
      </label>
      <label class="field">
        <span class="field-label">Threshold overrides (JSON)</span>
        <input value={f.thresholds} onInput={set('thresholds')} aria-describedby="intent-thresholds-hint" />
        <span id="intent-thresholds-hint" class="field-hint">
          For example {'{"minSentiment": -0.3}'} to hand off sooner on negative sentiment for this intent.
        </span>
      </label>
      <div class="form-actions">
        <button type="button" class="btn" onClick={props.onCancel}>
          Cancel
        </button>
        <button type="submit" class="btn btn-primary" disabled={props.saving} aria-busy={props.saving}>
          {props.saving ? 'Saving and retraining…' : 'Save'}
        </button>
      </div>
    </form>
  );
}

function ImportExport({ model }: { model: Intents }) {
  const [replace, setReplace] = useState(false);
  return (
    <section class="card" aria-labelledby="intents-io-title">
      <h2 id="intents-io-title" class="card-title">
        Import and export
      </h2>
      <div class="form-row">
        <button
          type="button"
          class="btn"
          onClick={async () => {
            const text = await model.exportJsonl();
            if (text === null) return;
            const url = URL.createObjectURL(new Blob([text], { type: 'application/x-ndjson' }));
            const a = document.createElement('a');
            a.href = url;
            a.download = 'intents.jsonl';
            a.click();
            setTimeout(() => URL.revokeObjectURL(url), 1000);
          }}
        >
          Download intents.jsonl
        </button>
        <label class="field">
          <span class="field-label">Import a JSONL file (one intent per line; all or nothing)</span>
          <input
            type="file"
            accept=".jsonl,.ndjson,application/x-ndjson,text/plain"
            disabled={model.busy.value}
            onChange={async (e) => {
              const input = e.currentTarget;
              const file = input.files?.[0];
              if (!file) return;
              await model.importJsonl(await file.text(), replace);
              input.value = '';
            }}
          />
        </label>
        <label class="field">
          <span>
            <input type="checkbox" checked={replace} onChange={(e) => setReplace(e.currentTarget.checked)} /> Remove
            intents not in the file
          </span>
        </label>
      </div>
    </section>
  );
}
