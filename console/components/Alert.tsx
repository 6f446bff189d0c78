// An inline message; errors are announced to screen readers as they appear.
import type { ComponentChildren } from 'preact';

interface Props {
  kind?: 'error' | 'info' | 'success';
  children: ComponentChildren;
  onDismiss?: () => void;
}

export function Alert({ kind = 'error', children, onDismiss }: Props) {
  return (
    <div class={`alert alert-${kind}`} role={kind === 'error' ? 'alert' : 'status'}>
      <span class="alert-text">{children}</span>
      {onDismiss && (
        <button type="button" class="btn-icon" aria-label="Dismiss" onClick={onDismiss}>
          ×
        </button>
      )}
    </div>
  );
}
