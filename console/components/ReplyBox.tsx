// Where the agent types. Enter sends, Shift+Enter adds a line, Ctrl/Cmd+Enter is the resolve shortcut.
import type { RefObject } from 'preact';
import { useState } from 'preact/hooks';
import { replyKeyAction } from '../lib/shortcuts.js';
import { LIMITS } from '../../protocol/limits.js';

interface Props {
  disabled: boolean;
  placeholder: string;
  onSend: (text: string) => boolean;
  inputRef: RefObject<HTMLTextAreaElement | null>;
}

export function ReplyBox({ disabled, placeholder, onSend, inputRef }: Props) {
  const [text, setText] = useState('');
  const send = () => {
    if (onSend(text)) setText('');
  };
  const remaining = LIMITS.messageText - text.length;
  return (
    <form
      class="reply"
      onSubmit={(e) => {
        e.preventDefault();
        send();
      }}
    >
      <textarea
        ref={inputRef}
        class="reply-input"
        aria-label="Reply"
        aria-keyshortcuts="r"
        rows={3}
        placeholder={placeholder}
        disabled={disabled}
        value={text}
        maxLength={LIMITS.messageText}
        onInput={(e) => setText(e.currentTarget.value)}
        onKeyDown={(e) => {
          if (replyKeyAction(e) === 'send') {
            e.preventDefault();
            send();
          }
        }}
      />
      <div class="reply-bar">
        <span class="muted small">
          {remaining < 500 ? `${remaining} characters left` : 'Enter to send · Shift+Enter for a new line'}
        </span>
        <button type="submit" class="btn btn-primary" disabled={disabled || !text.trim()}>
          Send
        </button>
      </div>
    </form>
  );
}
