import { useLayoutEffect, useRef } from 'preact/hooks';
import type { ViewMessage } from '../message-list.js';
import { MessageItem } from './MessageItem.js';

export interface TranscriptProps {
  messages: ViewMessage[];
  open: boolean;
  baseUrl: () => string;
  onRetry: (clientMessageId: string) => void;
}

/** The conversation as a polite live log; keeps the newest message in view unless the visitor scrolled up. */
export function Transcript({ messages, open, baseUrl, onRetry }: TranscriptProps) {
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
        <MessageItem key={m.key} message={m} base={base} onRetry={onRetry} />
      ))}
    </div>
  );
}
