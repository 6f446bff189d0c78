import type { RefObject } from 'preact';

export interface LauncherProps {
  buttonRef: RefObject<HTMLButtonElement | null>;
  unread: number;
  onOpen: () => void;
}

/** The round button in the corner. Its name stays "Open chat"; the unread count is a description. */
export function Launcher({ buttonRef, unread, onOpen }: LauncherProps) {
  return (
    <button
      ref={buttonRef}
      type="button"
      class="fl-launcher"
      aria-label="Open chat"
      aria-expanded="false"
      aria-controls="fl-panel"
      aria-describedby={unread > 0 ? 'fl-unread' : undefined}
      onClick={onOpen}
    >
      <svg aria-hidden="true" viewBox="0 0 24 24" width="26" height="26" focusable="false">
        <path
          fill="currentColor"
          d="M4 4h16a2 2 0 0 1 2 2v10a2 2 0 0 1-2 2H9l-4.2 3.4A.5.5 0 0 1 4 21v-3a2 2 0 0 1-2-2V6a2 2 0 0 1 2-2Zm3 6.5a1.5 1.5 0 1 0 0-3 1.5 1.5 0 0 0 0 3Zm5 0a1.5 1.5 0 1 0 0-3 1.5 1.5 0 0 0 0 3Zm5 0a1.5 1.5 0 1 0 0-3 1.5 1.5 0 0 0 0 3Z"
        />
      </svg>
      {unread > 0 && (
        <span id="fl-unread" class="fl-badge">
          {unread > 9 ? '9+' : unread}
          <span class="fl-sr"> unread {unread === 1 ? 'message' : 'messages'}</span>
        </span>
      )}
    </button>
  );
}
