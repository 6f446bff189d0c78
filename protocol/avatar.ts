/**
 * An agent's avatar: the initial of the name customers see, on one of AVATAR_COLOURS picked from
 * the name, the same in the widget and the console. The colour is set through the CSSOM
 * (`element.style`), which a strict Content-Security-Policy `style-src` does not govern, so no
 * style attribute or per-colour stylesheet rule is needed. Tiny: it ships in the chat chunk.
 */
/** White text on each is 4.5:1 or better. */
export const AVATAR_COLOURS = [
  '#0f766e',
  '#1d4ed8',
  '#7c3aed',
  '#b45309',
  '#be185d',
  '#15803d',
  '#4338ca',
  '#9f1239',
] as const;

export function avatarInitial(name: string): string {
  const first = [...name.trim()][0];
  return first ? first.toLocaleUpperCase() : '?';
}

/** A colour of AVATAR_COLOURS, stable for a name. */
export function avatarColour(name: string): string {
  let h = 0;
  for (const ch of name.trim().toLowerCase()) h = (h * 31 + ch.codePointAt(0)!) >>> 0;
  return AVATAR_COLOURS[h % AVATAR_COLOURS.length]!;
}
