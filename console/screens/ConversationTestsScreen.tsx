// Admin: paste or upload test conversations (JSONL), run them against the live knowledge base and
// intents, and read pass/fail per conversation with each turn's decision trace. Text only (never innerHTML).
import { useModel } from '@preact/signals';
import type { ConversationTestResult, ConversationTestTurn } from '../api/types.js';
import { useSignedIn } from '../app-context.js';
import { Alert } from '../components/Alert.js';
import { Spinner } from '../components/Spinner.js';
import { useDocumentTitle } from '../hooks/use-document-title.js';
import {
  ConversationTestsModel,
  type ConversationTests,
  type ResultFilter,
} from '../models/conversation-tests-model.js';

const FILTERS: Array<{ id: ResultFilter; label: string }> = [
  { id: 'all', label: 'All' },
  { id: 'failed', label: 'Failed' },
  { id: 'passed', label: 'Passed' },
];

export function ConversationTestsScreen() {
  const { api } = useSignedIn();
  const model = useModel(() => new ConversationTestsModel(api));
  useDocumentTitle('Conversation tests · Firstline');
  const result = model.result.value;

  return (
    <div class="page">
      <div class="page-head">
        <h1>Conversation tests</h1>
        {result && (
          <span class="muted" role="status">
            {result.passed} of {result.total} passed · {(result.ms / 1000).toFixed(1)} s
          </span>
        )}
      </div>
      <SuiteEditor model={model} />
      {model.error.value && <Alert>{model.error.value}</Alert>}
      {model.running.value && <Spinner label="Running the conversations" />}
      {result && <Results model={model} />}
    </div>
  );
}

function SuiteEditor({ model }: { model: ConversationTests }) {
  const empty = !model.suite.value.trim();
  return (
    <section class="card" aria-labelledby="suite-title">
      <h2 id="suite-title" class="card-title">
        Suite
      </h2>
      {empty && (
        <p class="muted" data-testid="tests-empty">
          No test conversations yet: write what should happen (answer from an article, hand off, or not answer) and run
          it before your customers find out. One conversation per line, as JSON:{' '}
          <code>
            {'{"name", "turns":[…], "page"?, "visitor"?, ' +
              '"expect":{"answer":"article-slug"} | {"handoff":true} | {"noAnswer":true}, "mustContain"?:[…]}'}
          </code>
          . Each runs in a fresh, unsaved conversation through the live pipeline; turns before the last must not hand
          off, and the last turn is judged.{' '}
          <button type="button" class="btn btn-small" onClick={() => model.loadSample()}>
            Load a sample suite
          </button>
        </p>
      )}
      <label class="field">
        <span class="field-label">Test conversations (JSONL)</span>
        <textarea
          rows={10}
          spellcheck={false}
          value={model.suite.value}
          aria-keyshortcuts="Control+Enter Meta+Enter"
          onInput={(e) => model.setSuite(e.currentTarget.value)}
          onKeyDown={(e) => {
            if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
              e.preventDefault();
              void model.run();
            }
          }}
        />
        <span class="field-hint">Ctrl+Enter (⌘+Enter) runs the suite. At most 300 conversations of 12 turns.</span>
      </label>
      <div class="field-inline">
        <button
          type="button"
          class="btn btn-primary"
          disabled={empty || model.running.value}
          onClick={() => void model.run()}
        >
          {model.running.value ? 'Running…' : 'Run suite'}
        </button>
        <label class="field">
          <span class="field-label">Or upload a .jsonl file</span>
          <input
            type="file"
            accept=".jsonl,.ndjson,application/x-ndjson,text/plain"
            onChange={async (e) => {
              const input = e.currentTarget;
              const file = input.files?.[0];
              if (!file) return;
              model.setSuite(await file.text());
              input.value = '';
            }}
          />
        </label>
      </div>
    </section>
  );
}

function Results({ model }: { model: ConversationTests }) {
  const rows = model.shown.value;
  return (
    <section class="card" aria-labelledby="results-title">
      <div class="page-head">
        <h2 id="results-title" class="card-title">
          Results
        </h2>
        <div class="segmented" role="group" aria-label="Show">
          {FILTERS.map((f) => (
            <button
              key={f.id}
              type="button"
              class={`btn btn-small ${model.filter.value === f.id ? 'btn-primary' : ''}`}
              aria-pressed={model.filter.value === f.id}
              onClick={() => model.setFilter(f.id)}
            >
              {f.label}
            </button>
          ))}
        </div>
      </div>
      {rows.length === 0 ? (
        <p class="muted">
          {model.filter.value === 'failed' ? 'Every conversation passed.' : 'No conversations to show.'}
        </p>
      ) : (
        <ul class="plain-list">
          {rows.map((r) => (
            <ResultRow key={r.name} result={r} />
          ))}
        </ul>
      )}
    </section>
  );
}

const expected = (r: ConversationTestResult) =>
  'answer' in r.expect
    ? `answer citing ${String(r.expect.answer)}`
    : 'handoff' in r.expect
      ? 'handoff'
      : 'no answer from the knowledge base';

function ResultRow({ result: r }: { result: ConversationTestResult }) {
  return (
    <li>
      <details open={!r.passed}>
        <summary>
          <span class={`chip ${r.passed ? 'chip-ok' : 'chip-warn'}`}>{r.passed ? 'Pass' : 'Fail'}</span>{' '}
          <strong>{r.name}</strong>{' '}
          <span class="muted">
            expected {expected(r)}; got {r.got.outcome}
            {r.got.reasonCode ? ` (${r.got.reasonCode})` : ''}
            {r.got.article ? ` citing ${r.got.article.title}` : ''}
          </span>
        </summary>
        {r.problems.length > 0 && (
          <ul>
            {r.problems.map((p) => (
              <li key={p}>{p}</li>
            ))}
          </ul>
        )}
        <div class="table-wrap">
          <table class="table table-compact">
            <caption class="sr-only">Decision trace of “{r.name}”</caption>
            <thead>
              <tr>
                <th scope="col">#</th>
                <th scope="col">Visitor</th>
                <th scope="col">Outcome</th>
                <th scope="col">Intent</th>
                <th scope="col">Knowledge</th>
                <th scope="col">Reply</th>
              </tr>
            </thead>
            <tbody>
              {r.turns.map((t, i) => (
                <TurnRow key={i} index={i} turn={t} />
              ))}
            </tbody>
          </table>
        </div>
      </details>
    </li>
  );
}

function TurnRow({ turn: t, index }: { turn: ConversationTestTurn; index: number }) {
  const retrieval = t.trace.retrieval;
  const top = retrieval?.results[0];
  return (
    <tr>
      <td>{index + 1}</td>
      <td>{t.visitor}</td>
      <td>
        <span class={`chip chip-${t.outcome === 'handoff' ? 'handoff' : t.outcome === 'answer' ? 'answer' : 'muted'}`}>
          {t.outcome}
        </span>
        {t.decision && <div class="muted">{t.decision.reasonCode}</div>}
        {t.decision && <div class="muted">{t.handoffReason ?? t.decision.reason}</div>}
      </td>
      <td>{t.trace.intent ? `${t.trace.intent.name ?? 'none'} (${t.trace.intent.confidence.toFixed(2)})` : '—'}</td>
      <td>
        {retrieval
          ? (retrieval.confident ? 'confident' : 'not confident') +
            (top ? `: ${top.title} (${top.score.toFixed(3)})` : '')
          : 'not searched'}
      </td>
      <td>
        {t.text || '—'}
        {t.citations.length > 0 && <div class="muted">Cites {t.citations.map((c) => c.title).join(', ')}</div>}
      </td>
    </tr>
  );
}
