import type { ConnectionState } from '../chat-model.js';
import { t } from '../text.js';

/** Says so when the chat is not live. The status region stays mounted so screen readers announce changes. */
export function ConnectionBanner({ state }: { state: ConnectionState }) {
  const text = state === 'reconnecting' ? t('reconn') : state === 'unavailable' ? t('down') : null;
  return (
    <div role="status" aria-live="polite" class="fl-live">
      {text && (
        <p class="fl-banner" data-testid="connection-status">
          {text}
        </p>
      )}
    </div>
  );
}
