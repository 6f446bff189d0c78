// Questions visitors asked that the knowledge base could not answer confidently, grouped by wording.
import type { KnowledgeGapGroup } from '../api/types.js';
import { formatDateTime } from '../lib/format.js';
import { Alert } from './Alert.js';
import { Spinner } from './Spinner.js';

interface Props {
  groups: KnowledgeGapGroup[] | null;
  error: string | null;
  onRefresh: () => void;
}

export function GapsPanel({ groups, error, onRefresh }: Props) {
  return (
    <section class="card" aria-labelledby="gaps-title">
      <div class="page-head">
        <h2 id="gaps-title" class="card-title">
          Knowledge gaps
        </h2>
        <button type="button" class="btn btn-small" onClick={onRefresh}>
          Refresh
        </button>
      </div>
      <p class="muted">
        Visitor questions without a confident answer, most frequent first. Write an article for the top ones.
      </p>
      {error && <Alert>{error}</Alert>}
      {!groups && !error && <Spinner label="Loading gaps" />}
      {groups && groups.length === 0 && (
        <p class="muted" data-testid="gaps-empty">
          No unanswered questions yet. Questions the AI could not answer from your articles appear here, grouped by
          wording with a count, so you know which article to write next.
        </p>
      )}
      {groups && groups.length > 0 && (
        <ol class="results" data-testid="gap-groups">
          {groups.map((g, i) => (
            <li key={`${g.question}-${i}`} class="result">
              <div class="result-head">
                <strong>{g.question}</strong>
                <span class="badge" title="Times asked">
                  {g.count}×
                </span>
              </div>
              {g.examples.length > 1 && (
                <ul class="small">
                  {g.examples.slice(1).map((e) => (
                    <li key={e}>{e}</li>
                  ))}
                </ul>
              )}
              <p class="small muted">
                {g.pages.length > 0 && <>Pages: {g.pages.map((p) => `${p.url} (${p.count})`).join(', ')} · </>}
                Last asked {formatDateTime(g.lastSeenAt)}
              </p>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
