import { formatQueueStatus, type QueueState } from '../queue-text.js';

/** Queue position after a handoff; updates in place as the server re-sends it. */
export function QueueStatus({ queue }: { queue: QueueState | null }) {
  return (
    <div role="status" aria-live="polite" class="fl-live">
      {queue && (
        <p class="fl-queue" data-testid="queue-status">
          {formatQueueStatus(queue)}
        </p>
      )}
    </div>
  );
}
