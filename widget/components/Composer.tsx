import type { RefObject, TargetedEvent, TargetedKeyboardEvent } from 'preact';
import { useState } from 'preact/hooks';
import { t } from '../text.js';
import { LIMITS } from '../../protocol/limits.js';

export interface ComposerProps {
  inputRef: RefObject<HTMLTextAreaElement | null>;
  onSend: (text: string) => boolean;
}

const MAX_INPUT_HEIGHT = 120;

/**
 * Textarea + send. Enter sends, Shift+Enter adds a line; IME composition is left alone. maxLength
 * keeps the text within what the server accepts.
 */
export function Composer({ inputRef, onSend }: ComposerProps) {
  const [text, setText] = useState('');

  const resize = (el: HTMLTextAreaElement) => {
    el.style.height = 'auto';
    el.style.height = `${Math.min(el.scrollHeight, MAX_INPUT_HEIGHT)}px`;
  };

  const submit = () => {
    if (!text.trim() || !onSend(text)) return;
    setText('');
    const el = inputRef.current;
    if (el) {
      el.value = '';
      resize(el);
      el.focus();
    }
  };

  const onKeyDown = (e: TargetedKeyboardEvent<HTMLTextAreaElement>) => {
    if (e.key === 'Enter' && !e.shiftKey && !e.isComposing && e.keyCode !== 229) {
      e.preventDefault();
      submit();
    }
  };

  return (
    <form
      class="fl-composer"
      onSubmit={(e: TargetedEvent<HTMLFormElement>) => {
        e.preventDefault();
        submit();
      }}
    >
      <textarea
        ref={inputRef}
        class="fl-input"
        aria-label={t('message')}
        placeholder={t('input')}
        rows={1}
        maxLength={LIMITS.messageText}
        value={text}
        onInput={(e) => {
          setText(e.currentTarget.value);
          resize(e.currentTarget);
        }}
        onKeyDown={onKeyDown}
      />
      <button type="submit" class="fl-send" aria-label={t('send')} disabled={!text.trim()}>
        <svg aria-hidden="true" viewBox="0 0 24 24" width="20" height="20" focusable="false">
          <path fill="currentColor" d="M3.4 20.4 21 12 3.4 3.6 3.4 10l12.6 2-12.6 2z" />
        </svg>
      </button>
    </form>
  );
}
