import { useLayoutEffect, useRef } from 'preact/hooks';
import type { FeedbackState } from '../chat-model.js';
import type { ViewMessage } from '../message-list.js';
import { t } from '../text.js';
import { MessageItem } from './MessageItem.js';

export interface TranscriptProps {
  messages: ViewMessage[];
  open: boolean;
  baseUrl: () => string;
  onRetry: (clientMessageId: string) => void;
  /** Feedback given so far, by message id; with onFeedback, the latest AI answer asks "Did this help?". */
  feedback?: Readonly<Record<string, FeedbackState>>;
  onFeedback?: (messageId: string, helpful: boolean) => void;
  /** Fetches an attached file (with the session token) for its thumbnail. */
  loadFile?: (id: string) => Promise<Blob>;
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
export function Transcript({
  messages,
  open,
  baseUrl,
  onRetry,
  feedback = {},
  onFeedback,
  loadFile,
  greeting,
}: TranscriptProps & { greeting?: string }) {
  const logRef = useRef<HTMLDivElement>(null);
  const stick = useRef(true);
  const lastTop = useRef(0);
  const last = messages[messages.length - 1];

  useLayoutEffect(() => {
    const el = logRef.current;
    if (!el || !open) return;
    if (stick.current || last?.role === 'visitor') el.scrollTop = el.scrollHeight;
  }, [messages.length, last?.key, last?.text, open]);

  // The log also loses height without a new message: the queue notice, the email offer or the
  // typing dots appear around it after a handoff, and answers grow feedback buttons. Stay at the
  // newest message through those too, unless the visitor scrolled up to read.
  useLayoutEffect(() => {
    const el = logRef.current;
    if (!el || !open) return;
    const follow = () => {
      if (stick.current) el.scrollTop = el.scrollHeight;
    };
    const resized = typeof ResizeObserver === 'undefined' ? null : new ResizeObserver(follow);
    resized?.observe(el);
    const changed = typeof MutationObserver === 'undefined' ? null : new MutationObserver(follow);
    changed?.observe(el, { childList: true, subtree: true, characterData: true });
    return () => {
      resized?.disconnect();
      changed?.disconnect();
    };
  }, [open]);

  // Only the visitor scrolling up unsticks: when the log shrinks (a notice appears above or below
  // it) the browser fires a scroll event too, far from the bottom but without moving up.
  const onScroll = () => {
    const el = logRef.current;
    if (!el) return;
    if (el.scrollHeight - el.scrollTop - el.clientHeight < 48) stick.current = true;
    else if (el.scrollTop < lastTop.current) stick.current = false;
    lastTop.current = el.scrollTop;
  };

  const base = baseUrl();
  const target = onFeedback ? feedbackTarget(messages) : null;
  return (
    // Focusable so keyboard users can scroll it (it is a scrollable region).
    <div
      ref={logRef}
      class="fl-log"
      role="log"
      aria-live="polite"
      aria-label={t('log')}
      tabIndex={0}
      onScroll={onScroll}
    >
      {messages.length === 0 && (
        // The admin's greeting (console appearance) replaces the built-in one.
        <p class="fl-empty">{greeting || t('greet')}</p>
      )}
      {messages.map((m) => (
        <MessageItem
          key={m.key}
          message={m}
          base={base}
          onRetry={onRetry}
          loadFile={loadFile}
          {...(m.id && (m.id === target || feedback[m.id]) && onFeedback
            ? { feedback: feedback[m.id] ?? null, onFeedback }
            : {})}
        />
      ))}
    </div>
  );
}
