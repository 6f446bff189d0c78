// Internal notes: agents only, never sent to the visitor. "n" focuses the field.
import type { RefObject } from 'preact';
import { useState } from 'preact/hooks';
import type { Note } from '../api/types.js';
import { formatDateTime } from '../lib/format.js';

interface Props {
  notes: Note[];
  busy: boolean;
  error: string | null;
  onAdd: (text: string) => Promise<boolean>;
  inputRef: RefObject<HTMLTextAreaElement | null>;
}

export function NotesPanel({ notes, busy, error, onAdd, inputRef }: Props) {
  const [text, setText] = useState('');
  const submit = async () => {
    if (await onAdd(text)) setText('');
  };
  return (
    <section class="panel notes" aria-labelledby="notes-title" data-testid="notes">
      <h2 id="notes-title" class="panel-title">
        Internal notes <span class="internal-tag">Internal · not visible to the visitor</span>
      </h2>
      {notes.length === 0 ? (
        <p class="muted small">No notes yet.</p>
      ) : (
        <ul class="note-list">
          {notes.map((n) => (
            <li key={n.id} class="note">
              <div class="note-meta small muted">
                <strong>{n.authorName}</strong> · {formatDateTime(n.createdAt)}
              </div>
              <p class="note-text">{n.text}</p>
            </li>
          ))}
        </ul>
      )}
      <form
        class="note-form"
        onSubmit={(e) => {
          e.preventDefault();
          void submit();
        }}
      >
        <textarea
          ref={inputRef}
          aria-label="Internal note"
          aria-keyshortcuts="n"
          rows={2}
          maxLength={4000}
          placeholder="Note for your team…"
          value={text}
          onInput={(e) => setText(e.currentTarget.value)}
          onKeyDown={(e) => {
            if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
              // Ctrl+Enter here saves the note instead of resolving the conversation.
              e.preventDefault();
              e.stopPropagation();
              void submit();
            }
          }}
        />
        {error && (
          <p class="small alert-text" role="alert">
            {error}
          </p>
        )}
        <div class="form-actions">
          <button type="submit" class="btn btn-small" disabled={busy || !text.trim()} aria-busy={busy}>
            Add note
          </button>
        </div>
      </form>
    </section>
  );
}
