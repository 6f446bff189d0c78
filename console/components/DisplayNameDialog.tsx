// Asked at first sign-in: the name customers will see. It closes only once a name is saved.
import { useState } from 'preact/hooks';
import type { ApiClient } from '../api/client.js';
import { errorMessage } from '../api/client.js';
import type { User } from '../api/types.js';
import { Alert } from './Alert.js';
import { Avatar } from './Avatar.js';
import { Modal } from './Modal.js';

interface Props {
  me: User;
  api: ApiClient;
  onSaved: (user: User) => void;
}

/** A first-name guess from the account name; "Admin" and emails make poor guesses, so none then. */
function guess(me: User): string {
  const first = me.name.trim().split(/\s+/)[0] ?? '';
  return /^(admin|administrator|agent|support)$/i.test(first) || first.includes('@') ? '' : first;
}

export function DisplayNameDialog({ me, api, onSaved }: Props) {
  const [name, setName] = useState(() => guess(me));
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const shown = name.trim();
  return (
    // Escape and the backdrop do nothing: customers need a name to see.
    <Modal title="What should customers call you?" onClose={() => undefined} class="display-name-dialog">
      <form
        class="form"
        onSubmit={async (e) => {
          e.preventDefault();
          if (!shown || busy) return;
          setBusy(true);
          setError(null);
          try {
            onSaved((await api.setDisplayName(shown)).user);
          } catch (err) {
            setError(errorMessage(err));
          } finally {
            setBusy(false);
          }
        }}
      >
        <p class="modal-text">
          Customers see this name when you join a chat and next to your replies, instead of your account name
          {me.name ? ` ("${me.name}")` : ''}. You can use your first name.
        </p>
        {error && <Alert>{error}</Alert>}
        <label class="field">
          <span class="field-label">Display name</span>
          <input
            required
            maxLength={40}
            autoFocus
            autocomplete="given-name"
            value={name}
            onInput={(e) => setName(e.currentTarget.value)}
          />
        </label>
        <p class="display-name-preview muted" data-testid="display-name-preview">
          <Avatar name={shown || '?'} />{' '}
          {shown ? `${shown} joined the conversation.` : 'Type a name to see how customers will see you.'}
        </p>
        <div class="modal-actions">
          <button type="submit" class="btn btn-primary" disabled={!shown || busy}>
            {busy ? 'Saving…' : 'Save and continue'}
          </button>
        </div>
      </form>
    </Modal>
  );
}
