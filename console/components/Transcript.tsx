// The chat so far. Text is rendered as text (never HTML); new messages scroll into view.
import { useLayoutEffect, useRef, useState } from 'preact/hooks';
import type { TranscriptMessage, Visitor } from '../api/types.js';
import { formatTime, safeHref } from '../lib/format.js';
import { RichText } from './RichText.js';
import { Attachments } from './Attachments.js';

interface Props {
  messages: readonly TranscriptMessage[];
  visitor: Visitor | null;
  onRetry: (clientMessageId: string) => void;
  /** Set when the visitor writes another language than English: their messages offer a translation. */
  translate?: (messageId: string) => Promise<string>;
  /** Fetches a visitor's attached file with the agent's token. */
  loadAttachment?: (attachmentId: string) => Promise<Blob>;
}

function author(m: TranscriptMessage, visitor: Visitor | null): string {
  switch (m.role) {
    case 'visitor':
      return visitor?.name || 'Visitor';
    case 'ai':
      return 'AI assistant';
    case 'agent':
      return m.authorName || 'Agent';
    case 'system':
      return 'System';
  }
}

/** "Translate" under a visitor's message, then the English text (or why there is none). */
function Translation({ id, translate }: { id: string; translate: (messageId: string) => Promise<string> }) {
  const [state, setState] = useState<{ text?: string; error?: string; busy?: boolean }>({});
  if (state.text)
    return (
      <p class="msg-translation" lang="en">
        English: {state.text}
      </p>
    );
  return (
    <span class="msg-status">
      <button
        type="button"
        class="btn btn-small"
        disabled={state.busy}
        onClick={() => {
          setState({ busy: true });
          translate(id).then(
            (text) => setState({ text }),
            (err: unknown) => setState({ error: err instanceof Error ? err.message : String(err) }),
          );
        }}
      >
        Translate to English
      </button>
      {state.error && <span class="muted"> {state.error}</span>}
    </span>
  );
}

export function Transcript({ messages, visitor, onRetry, translate, loadAttachment }: Props) {
  const ref = useRef<HTMLDivElement>(null);
  const stick = useRef(true);

  // Follow new messages only if the agent was already at the bottom, so reading history is not interrupted.
  useLayoutEffect(() => {
    const el = ref.current;
    if (el && stick.current) el.scrollTop = el.scrollHeight;
  }, [messages]);

  return (
    <div
      class="transcript"
      ref={ref}
      role="log"
      aria-live="polite"
      aria-label="Transcript"
      onScroll={(e) => {
        const el = e.currentTarget;
        stick.current = el.scrollHeight - el.scrollTop - el.clientHeight < 80;
      }}
    >
      {messages.length === 0 ? (
        <p class="muted transcript-empty">No messages yet.</p>
      ) : (
        <ol class="messages">
          {messages.map((m) => (
            <li
              key={m.clientMessageId ?? m.id}
              class={`msg msg-${m.role} ${m.pending ? 'is-pending' : ''}`}
              data-role={m.role}
            >
              <div class="msg-head">
                <span class="msg-author">{author(m, visitor)}</span>
                <time class="msg-time" dateTime={m.createdAt}>
                  {formatTime(m.createdAt)}
                </time>
              </div>
              {m.rich?.length ? <RichText blocks={m.rich} /> : m.text && <p class="msg-text">{m.text}</p>}
              {m.attachments && m.attachments.length > 0 && loadAttachment && (
                <Attachments attachments={m.attachments} load={loadAttachment} />
              )}
              {m.citations && m.citations.length > 0 && (
                <ul class="citations" aria-label="Sources">
                  {m.citations.map((c) => {
                    const href = safeHref(c.url);
                    return (
                      <li key={c.articleId}>
                        {href ? (
                          <a href={href} target="_blank" rel="noopener noreferrer">
                            {c.title}
                          </a>
                        ) : (
                          c.title
                        )}
                      </li>
                    );
                  })}
                </ul>
              )}
              {translate && m.role === 'visitor' && m.id && !m.pending && (
                <Translation id={m.id} translate={translate} />
              )}
              {m.pending && !m.failed && <span class="msg-status muted">Sending…</span>}
              {m.failed && (
                <span class="msg-status msg-failed" role="alert">
                  Not sent: {m.failed}{' '}
                  <button
                    type="button"
                    class="btn btn-small"
                    onClick={() => m.clientMessageId && onRetry(m.clientMessageId)}
                  >
                    Retry
                  </button>
                </span>
              )}
            </li>
          ))}
        </ol>
      )}
    </div>
  );
}
