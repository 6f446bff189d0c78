// The bell: unread count on the button, the list in a popover; opening it marks what is shown as read.
import { useEffect, useRef } from 'preact/hooks';
import type { Notification } from '../api/types.js';
import { formatDateTime } from '../lib/format.js';
import { hrefFor } from '../lib/router.js';
import type { Notifications } from '../models/notifications-model.js';
import { Link } from './Link.js';

interface Props {
  model: Notifications;
  open: boolean;
  onToggle: (open: boolean) => void;
}

export function NotificationsBell({ model, open, onToggle }: Props) {
  const unread = model.unread.value;
  const items = model.items.value;
  const wrap = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (!open) return;
    wrap.current?.querySelector<HTMLElement>('.notif-panel [tabindex="-1"]')?.focus();
    const onDown = (e: MouseEvent) => {
      if (wrap.current && !wrap.current.contains(e.target as Node)) onToggle(false);
    };
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape') {
        e.preventDefault();
        onToggle(false);
        wrap.current?.querySelector<HTMLElement>('.notif-button')?.focus();
      }
    };
    document.addEventListener('mousedown', onDown);
    document.addEventListener('keydown', onKey, true);
    return () => {
      document.removeEventListener('mousedown', onDown);
      document.removeEventListener('keydown', onKey, true);
    };
  }, [open]);

  return (
    <div class="notif" ref={wrap}>
      <button
        type="button"
        class="btn btn-ghost notif-button"
        aria-expanded={open}
        aria-controls="notif-panel"
        aria-label={unread > 0 ? `Notifications, ${unread} unread` : 'Notifications'}
        aria-keyshortcuts="g n"
        onClick={() => onToggle(!open)}
      >
        <svg aria-hidden="true" viewBox="0 0 24 24" width="18" height="18" focusable="false">
          <path
            fill="currentColor"
            d={
              'M12 22a2.5 2.5 0 0 0 2.45-2h-4.9A2.5 2.5 0 0 0 12 22Zm7-6V11a7 7 0 0 ' +
              '0-5.5-6.84V3a1.5 1.5 0 0 0-3 0v1.16A7 7 0 0 0 5 11v5l-2 2v1h18v-1l-2-2Z'
            }
          />
        </svg>
        {unread > 0 && (
          <span class="badge badge-accent" aria-hidden="true">
            {unread}
          </span>
        )}
      </button>
      {open && (
        <div id="notif-panel" class="notif-panel" role="region" aria-label="Notifications">
          <div class="notif-head" tabIndex={-1}>
            <strong>Notifications</strong>
            <button
              type="button"
              class="btn btn-ghost btn-small"
              disabled={unread === 0}
              onClick={() => void model.markAllRead()}
            >
              Mark all read
            </button>
          </div>
          {model.error.value && <p class="small alert-text">{model.error.value}</p>}
          {items.length === 0 ? (
            <p class="muted small notif-empty">Nothing yet. SLA warnings and breaches show up here.</p>
          ) : (
            <ul class="notif-list">
              {items.slice(0, 50).map((n) => (
                <NotificationItem
                  key={n.id}
                  n={n}
                  onRead={() => void model.markRead([n.id])}
                  onOpen={() => onToggle(false)}
                />
              ))}
            </ul>
          )}
        </div>
      )}
    </div>
  );
}

function NotificationItem({ n, onRead, onOpen }: { n: Notification; onRead: () => void; onOpen: () => void }) {
  const unread = !n.readAt;
  return (
    <li class={`notif-item ${unread ? 'is-unread' : ''} notif-${n.kind}`}>
      <div class="notif-title">
        {unread && <span class="sr-only">Unread: </span>}
        {n.conversationId ? (
          <Link
            href={hrefFor({ name: 'conversation', id: n.conversationId })}
            onClick={() => {
              onRead();
              onOpen();
            }}
          >
            {n.title}
          </Link>
        ) : (
          n.title
        )}
      </div>
      {n.body && <div class="small">{n.body}</div>}
      <div class="notif-meta muted small">
        <span>{formatDateTime(n.createdAt)}</span>
        {unread && (
          <button type="button" class="btn-link small" onClick={onRead}>
            Mark read
          </button>
        )}
      </div>
    </li>
  );
}
