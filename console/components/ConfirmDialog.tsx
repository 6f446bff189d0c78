// Asks before an action that cannot be undone from the console.
import type { ComponentChildren } from 'preact';
import { Modal } from './Modal.js';

interface Props {
  title: string;
  confirmLabel: string;
  onConfirm: () => void;
  onCancel: () => void;
  danger?: boolean;
  children?: ComponentChildren;
}

export function ConfirmDialog({ title, confirmLabel, onConfirm, onCancel, danger, children }: Props) {
  return (
    <Modal title={title} onClose={onCancel}>
      {children && <div class="modal-text">{children}</div>}
      <form
        method="dialog"
        class="modal-actions"
        onSubmit={(e) => {
          e.preventDefault();
          onConfirm();
        }}
      >
        <button type="button" class="btn" onClick={onCancel}>
          Cancel
        </button>
        <button type="submit" class={`btn ${danger ? 'btn-danger' : 'btn-primary'}`} autofocus>
          {confirmLabel}
        </button>
      </form>
    </Modal>
  );
}
