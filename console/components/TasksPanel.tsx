// Admins: open escalation tasks above the queue, each linking to its conversation. Hidden when none.
import { useModel } from '@preact/signals';
import { useSignedIn } from '../app-context.js';
import { formatDateTime } from '../lib/format.js';
import { hrefFor } from '../lib/router.js';
import { TasksModel } from '../models/tasks-model.js';
import { Link } from './Link.js';

export function TasksPanel() {
  const { api, realtime } = useSignedIn();
  const model = useModel(() => new TasksModel({ api, realtime }));
  const tasks = model.tasks.value;
  if (tasks.length === 0 && !model.error.value) return null;
  return (
    <section class="card tasks" aria-labelledby="tasks-title">
      <h2 id="tasks-title" class="card-title">
        Escalation tasks <span class="badge">{tasks.length}</span>
      </h2>
      {model.error.value && <p class="small alert-text">{model.error.value}</p>}
      <ul class="task-list">
        {tasks.slice(0, 20).map((t) => (
          <li key={t.id} class="task">
            <span class="chip">{t.kind.replace(/_/g, ' ')}</span>
            <Link href={hrefFor({ name: 'conversation', id: t.conversationId })}>
              {t.reason || 'Open the conversation'}
            </Link>
            {t.dueAt && (
              <span class="small">
                due <time dateTime={t.dueAt}>{formatDateTime(t.dueAt)}</time>
              </span>
            )}
            <time class="muted small" dateTime={t.createdAt}>
              {formatDateTime(t.createdAt)}
            </time>
          </li>
        ))}
      </ul>
    </section>
  );
}
