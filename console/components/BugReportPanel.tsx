// Turn the conversation into a bug report: the AI drafts it from the transcript and page state,
// the agent edits and files it; a similar open report is merged and counted instead.
import { useState } from 'preact/hooks';
import { errorMessage, type ApiClient, type BugReportFields } from '../api/client.js';

interface Props {
  api: ApiClient;
  conversationId: string;
  /** The intent or signals say this looks like a bug: offer the draft up front. */
  suggested: boolean;
}

export function BugReportPanel({ api, conversationId, suggested }: Props) {
  const [fields, setFields] = useState<BugReportFields | null>(null);
  const [similar, setSimilar] = useState<string | null>(null);
  const [files, setFiles] = useState<string[]>([]);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [result, setResult] = useState<string | null>(null);

  const draft = async () => {
    setBusy(true);
    setError(null);
    try {
      const r = await api.bugReportDraft(conversationId);
      setFields({ title: r.draft.title, steps: r.draft.steps, expected: r.draft.expected, actual: r.draft.actual });
      setFiles((r.attachments ?? []).map((a) => a.name));
      setSimilar(
        r.similarTo
          ? `Looks like "${r.similarTo.title}" (reported ${r.similarTo.reportCount}×): ` +
              `filing will add this customer to it.`
          : null,
      );
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };
  const file = async () => {
    if (!fields) return;
    setBusy(true);
    setError(null);
    try {
      const r = await api.fileBugReport(conversationId, fields);
      setResult(
        `${r.merged ? 'Merged into' : 'Filed'} "${r.report.title}" — reported ` +
          `${r.report.reportCount}×${r.report.externalUrl ? ` (${r.report.externalUrl})` : ''}.`,
      );
      setFields(null);
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };
  const field = (key: keyof BugReportFields, label: string, rows: number) => (
    <label class="field">
      <span class="field-label">{label}</span>
      <textarea
        rows={rows}
        value={fields![key]}
        onInput={(e) => setFields({ ...fields!, [key]: (e.target as HTMLTextAreaElement).value })}
      />
    </label>
  );

  return (
    <section class="panel" aria-label="Bug report" data-testid="bug-report">
      <h3>Bug report</h3>
      {result && <p role="status">{result}</p>}
      {error && <p role="alert">{error}</p>}
      {!fields && (
        <button type="button" disabled={busy} onClick={() => void draft()}>
          {suggested ? 'The AI suggests a bug report: draft it' : 'Turn into bug report'}
        </button>
      )}
      {fields && (
        <form
          onSubmit={(e) => {
            e.preventDefault();
            void file();
          }}
        >
          {similar && <p class="muted small">{similar}</p>}
          {field('title', 'Title', 1)}
          {field('steps', 'Steps', 4)}
          {field('expected', 'Expected', 2)}
          {field('actual', 'Actual', 2)}
          {files.length > 0 && <p class="muted small">Includes the visitor's attachments: {files.join(', ')}</p>}
          <button type="submit" disabled={busy || !fields.title.trim()}>
            File bug report
          </button>{' '}
          <button type="button" onClick={() => setFields(null)}>
            Cancel
          </button>
        </form>
      )}
    </section>
  );
}
