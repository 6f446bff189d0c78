// Where the agent types. Enter sends, Shift+Enter adds a line, Ctrl/Cmd+Enter is the resolve shortcut.
import type { RefObject } from 'preact';
import { useState } from 'preact/hooks';
import type { CannedResponse } from '../api/types.js';
import { insertCanned, matchCanned, slashQuery } from '../lib/canned.js';
import { replyKeyAction } from '../lib/shortcuts.js';
import { LIMITS } from '../../protocol/limits.js';

interface Props {
  disabled: boolean;
  placeholder: string;
  onSend: (text: string) => boolean;
  inputRef: RefObject<HTMLTextAreaElement | null>;
  /** Canned responses: typing "/" + shortcut, or the menu button, offers them. */
  canned?: CannedResponse[];
}

/** Where the picker inserts: the "/query" being typed, or the caret when opened from the menu. */
interface Picker {
  start: number;
  end: number;
  query: string;
  active: number;
}

export function ReplyBox({ disabled, placeholder, onSend, inputRef, canned = [] }: Props) {
  const [text, setText] = useState('');
  const [picker, setPicker] = useState<Picker | null>(null);
  const matches = picker ? matchCanned(canned, picker.query) : [];
  const open = !!picker && matches.length > 0;
  const send = () => {
    if (onSend(text)) setText('');
  };
  const track = (value: string, caret: number) => {
    const q = canned.length ? slashQuery(value, caret) : null;
    setPicker(q ? { start: q.start, end: caret, query: q.query, active: 0 } : null);
  };
  const choose = (c: CannedResponse) => {
    if (!picker) return;
    const next = insertCanned(text, picker.start, picker.end, c);
    setText(next.text);
    setPicker(null);
    const el = inputRef.current;
    if (el) {
      el.value = next.text;
      el.focus();
      el.setSelectionRange(next.caret, next.caret);
    }
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
        // A textarea keeps its textbox role, which has no aria-expanded; the open list is announced
        // through aria-controls and the active option through aria-activedescendant.
        aria-autocomplete={canned.length ? 'list' : undefined}
        aria-controls={open ? 'canned-list' : undefined}
        aria-activedescendant={open ? `canned-${picker!.active}` : undefined}
        onInput={(e) => {
          setText(e.currentTarget.value);
          track(e.currentTarget.value, e.currentTarget.selectionStart ?? e.currentTarget.value.length);
        }}
        onBlur={() => setTimeout(() => setPicker(null), 150)}
        onKeyDown={(e) => {
          if (open && picker) {
            const n = matches.length;
            if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
              e.preventDefault();
              setPicker({ ...picker, active: (picker.active + (e.key === 'ArrowDown' ? 1 : n - 1)) % n });
              return;
            }
            if ((e.key === 'Enter' && !e.shiftKey && !e.ctrlKey && !e.metaKey) || e.key === 'Tab') {
              e.preventDefault();
              choose(matches[Math.min(picker.active, n - 1)]!);
              return;
            }
            if (e.key === 'Escape') {
              e.preventDefault();
              e.stopPropagation();
              setPicker(null);
              return;
            }
          }
          if (replyKeyAction(e) === 'send') {
            e.preventDefault();
            send();
          }
        }}
      />
      {open && (
        <ul id="canned-list" class="canned-list" role="listbox" aria-label="Canned responses">
          {matches.map((c, i) => (
            <li
              key={c.id}
              id={`canned-${i}`}
              role="option"
              aria-selected={i === picker!.active}
              class={`canned-option ${i === picker!.active ? 'is-active' : ''}`}
              onMouseDown={(e) => {
                e.preventDefault();
                choose(c);
              }}
            >
              <strong>{c.title}</strong>
              {c.shortcut && <span class="muted small"> /{c.shortcut}</span>}
              <span class="canned-preview small muted">{c.text}</span>
            </li>
          ))}
        </ul>
      )}
      <div class="reply-bar">
        {canned.length > 0 && (
          <button
            type="button"
            class="btn btn-ghost btn-small"
            disabled={disabled}
            aria-haspopup="listbox"
            aria-expanded={open}
            onMouseDown={(e) => e.preventDefault()}
            onClick={() => {
              const el = inputRef.current;
              const caret = el?.selectionStart ?? text.length;
              setPicker(open ? null : { start: caret, end: caret, query: '', active: 0 });
              el?.focus();
            }}
          >
            Canned <kbd>/</kbd>
          </button>
        )}
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
