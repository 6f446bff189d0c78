/**
 * An agent's avatar: the initial of the name customers see, on one of AVATAR_COLOURS picked from
 * the name, the same in the widget and the console (both style it by class, `data-colour`, so no
 * inline style is needed under a strict Content-Security-Policy). Tiny: it ships in the chat chunk.
 */
export const AVATAR_COLOURS = 8;

export function avatarInitial(name: string): string {
  const first = [...name.trim()][0];
  return first ? first.toLocaleUpperCase() : '?';
}

/** 0..AVATAR_COLOURS-1, stable for a name. */
export function avatarColour(name: string): number {
  let h = 0;
  for (const ch of name.trim().toLowerCase()) h = (h * 31 + ch.codePointAt(0)!) >>> 0;
  return h % AVATAR_COLOURS;
}
