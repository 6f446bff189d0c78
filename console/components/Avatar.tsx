// An agent's avatar as customers see it in the widget: the initial on a colour picked from the name.
import { avatarColour, avatarInitial } from '../../protocol/avatar.js';

export function Avatar({ name, size = 'small' }: { name: string; size?: 'small' | 'large' }) {
  return (
    <span class={`agent-avatar agent-avatar-${size}`} style={{ background: avatarColour(name) }} aria-hidden="true">
      {avatarInitial(name)}
    </span>
  );
}
