// Online / Away in the header: a switch button, also on the "a" key.
import type { PresenceState } from '../models/presence-model.js';

export function PresenceToggle({ presence }: { presence: PresenceState }) {
  const online = presence.status.value === 'online';
  return (
    <button
      type="button"
      class={`btn btn-ghost presence-toggle presence-${presence.status.value}`}
      role="switch"
      aria-checked={online}
      aria-keyshortcuts="a"
      title={
        presence.error.value ??
        (online ? 'You get new conversations. Press a to go away.' : 'Routing skips you. Press a to come back.')
      }
      onClick={presence.toggle}
    >
      <span class="presence-dot" aria-hidden="true" />
      {online ? 'Online' : 'Away'}
    </button>
  );
}
