// One conversation in the queue; the whole row is a link so Enter and click both open it.
import type { ConversationSummary } from '../api/types.js';
import { formatAgo, formatDuration, formatTime } from '../lib/format.js';
import { waitingSeconds } from '../lib/queue.js';
import { hrefFor } from '../lib/router.js';
import { Link } from './Link.js';
import { PriorityBadge } from './PriorityBadge.js';
import { SlaBadge } from './SlaBadge.js';
import type { SlaCountdown } from '../lib/sla.js';

interface Props {
  c: ConversationSummary;
  now: number;
  selected: boolean;
  tabbable: boolean;
  onSelect: () => void;
  /** The live SLA countdown for this row, if it has a deadline. */
  sla?: SlaCountdown | null;
  /** Seconds left on a routing offer made to me; the row is highlighted while it lasts. */
  offerSeconds?: number | null;
  teamName?: string | null;
}

const LAST_WHO: Record<NonNullable<ConversationSummary['lastMessage']>['role'], string> = {
  visitor: 'Visitor:',
  ai: 'AI:',
  agent: 'Agent:',
  system: '',
};

function pageLabel(page: ConversationSummary['page']): string {
  if (!page) return '';
  if (page.title) return page.title;
  try {
    return new URL(page.url, 'http://x').pathname;
  } catch {
    return page.url;
  }
}

export function QueueRow({ c, now, selected, tabbable, onSelect, sla, offerSeconds, teamName }: Props) {
  const name = c.visitor?.name || c.visitor?.email || 'Anonymous visitor';
  const reason = c.handoff?.reason ?? (c.status === 'bot' ? 'With the AI' : '');
  const intent = c.handoff?.intent;
  const waiting = c.status === 'queued';
  return (
    <li
      class={
        `queue-item ${selected ? 'is-selected' : ''} ` +
        `${offerSeconds ? 'is-offered' : ''} ${sla ? `sla-row-${sla.state}` : ''}`
      }
    >
      <Link
        href={hrefFor({ name: 'conversation', id: c.id })}
        class="queue-row"
        data-testid="queue-row"
        data-conversation-id={c.id}
        tabIndex={tabbable ? 0 : -1}
        onFocus={onSelect}
        onClick={onSelect}
      >
        <span class="queue-col-priority">
          <PriorityBadge priority={c.priority} />
        </span>
        <span class="queue-col-main">
          <span class="queue-line">
            <strong class="queue-name">{name}</strong>
            {c.visitor?.plan && <span class="chip">{c.visitor.plan}</span>}
            {intent && <span class="chip chip-intent">{intent}</span>}
            {c.tier && <span class="chip">{c.tier}</span>}
            {teamName && <span class="chip chip-team">{teamName}</span>}
            {offerSeconds ? (
              <span class="offer-flag" data-testid="offer">
                Offered to you · {offerSeconds}s <kbd aria-hidden="true">o</kbd>
              </span>
            ) : null}
          </span>
          {reason && <span class="queue-reason">{reason}</span>}
          {c.lastMessage && (
            <span class="queue-last" data-testid="queue-last-message">
              <span class="queue-last-who">{LAST_WHO[c.lastMessage.role]}</span>
              <span class="queue-last-text">{c.lastMessage.text}</span>
              <time
                class="queue-last-age muted"
                dateTime={c.lastMessage.createdAt}
                title={formatTime(c.lastMessage.createdAt)}
                data-testid="queue-last-age"
              >
                {formatAgo(c.lastMessage.createdAt, now)}
              </time>
            </span>
          )}
          <span class="queue-meta muted">
            {c.page && (
              <span class="queue-page" title={c.page.url}>
                {pageLabel(c.page)}
              </span>
            )}
            {c.assignee && <span>· {c.assignee.name || 'assigned'}</span>}
          </span>
        </span>
        <span class="queue-col-time">
          <SlaBadge sla={sla ?? null} />
          {waiting ? (
            <span class="wait" title="Waiting since the handoff">
              <span class="sr-only">Waiting </span>
              {formatDuration(waitingSeconds(c, now))}
            </span>
          ) : (
            <span class="muted">{formatTime(c.updatedAt)}</span>
          )}
        </span>
      </Link>
    </li>
  );
}
