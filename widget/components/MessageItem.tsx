import type { ViewMessage } from '../message-list.js';
import { Citations } from './Citations.js';

export interface MessageItemProps {
  message: ViewMessage;
  base: string;
  onRetry: (clientMessageId: string) => void;
}

const AUTHOR: Record<ViewMessage['role'], string> = { visitor: 'You', ai: 'AI assistant', agent: 'Support agent', system: '' };

/** One message. Text is rendered as text (never HTML); line breaks are kept by CSS. */
export function MessageItem({ message: m, base, onRetry }: MessageItemProps) {
  const author = m.role === 'agent' ? m.authorName || AUTHOR.agent : AUTHOR[m.role];
  return (
    <div
      class={`fl-msg fl-msg-${m.role}${m.delivery === 'pending' ? ' fl-pending' : ''}`}
      // A streaming draft is not a message yet: tests and tools selecting [data-role="ai"] get final answers only.
      data-role={m.streaming ? 'ai-draft' : m.role}
      data-message-id={m.id}
      data-client-message-id={m.clientMessageId}
      data-delivery={m.delivery}
      // Streamed fragments would be read out one by one; the final message is announced instead.
      aria-hidden={m.streaming ? 'true' : undefined}
    >
      {m.role === 'system' ? null : m.role === 'visitor' ? (
        <span class="fl-sr">You said: </span>
      ) : (
        <span class="fl-author">{author}</span>
      )}
      <div class="fl-bubble">
        <p class="fl-text">{m.text}</p>
        {m.citations && m.citations.length > 0 && <Citations citations={m.citations} base={base} />}
      </div>
      {m.delivery === 'pending' && <span class="fl-meta">Sending…</span>}
      {m.delivery === 'failed' && m.clientMessageId && (
        <span class="fl-meta fl-error">
          Not sent{m.error ? `: ${m.error}` : ''}.{' '}
          <button type="button" class="fl-link-btn" onClick={() => onRetry(m.clientMessageId!)}>
            Retry
          </button>
        </span>
      )}
    </div>
  );
}
