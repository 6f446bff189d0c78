import { useLayoutEffect, useRef } from 'preact/hooks';
import type { FeedbackState } from '../chat-model.js';
import type { ViewMessage } from '../message-list.js';
import { MessageItem } from './MessageItem.js';

export interface TranscriptProps {
  messages: ViewMessage[];
  open: boolean;
  baseUrl: () => string;
  onRetry: (clientMessageId: string) => void;
  /** Feedback given so far, by message id; with onFeedback, the latest AI answer asks "Did this help?". */
  feedback?: Readonly<Record<string, FeedbackState>>;
  onFeedback?: (messageId: string, helpful: boolean) => void;
}

/** The AI answer that may ask "Did this help?": the latest one, unless the visitor has written since. */
export function feedbackTarget(messages: readonly ViewMessage[]): string | null {
  for (let i = messages.length - 1; i >= 0; i--) {
    const m = messages[i]!;
    if (m.role === 'visitor') return null;
    if (m.role === 'ai' && !m.streaming && m.fromServer && m.id) return m.id;
  }
  return null;
}

/** The conversation as a polite live log; keeps the newest message in view unless the visitor scrolled up. */
export function Transcript({ messages, open, baseUrl, onRetry, feedback = {}, onFeedback }: TranscriptProps) {
  const logRef = useRef<HTMLDivElement>(null);
  const stick = useRef(true);
  const last = messages[messages.length - 1];

  useLayoutEffect(() => {
    const el = logRef.current;
    if (!el || !open) return;
    if (stick.current || last?.role === 'visitor') el.scrollTop = el.scrollHeight;
  }, [messages.length, last?.key, last?.text, open]);

  const onScroll = () => {
    const el = logRef.current;
    if (el) stick.current = el.scrollHeight - el.scrollTop - el.clientHeight < 48;
  };

  const base = baseUrl();
  const target = onFeedback ? feedbackTarget(messages) : null;
  return (
    // Focusable so keyboard users can scroll it (it is a scrollable region).
    <div ref={logRef} class="fl-log" role="log" aria-live="polite" aria-label="Conversation" tabIndex={0} onScroll={onScroll}>
      {messages.length === 0 && (
        <p class="fl-empty">
          Hi! Ask us anything. Our AI assistant answers first, and a person from our team can take over whenever you
          want: just ask.
        </p>
      )}
      {messages.map((m) => (
        <MessageItem
          key={m.key}
          message={m}
          base={base}
          onRetry={onRetry}
          {...(m.id && (m.id === target || feedback[m.id]) && onFeedback ? { feedback: feedback[m.id] ?? null, onFeedback } : {})}
        />
      ))}
    </div>
  );
}
