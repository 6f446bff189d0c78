import { launcherName } from '../protocol/messages/launcher-names.js';

/** The round button in the corner, built with plain DOM so the loader needs no UI library. */
export interface LauncherHandle {
  readonly button: HTMLButtonElement;
  /**
   * The count shows as a badge; the button's name stays "Open chat" and the count (with `text`, "unread messages") is
   * its description.
   */
  setUnread(count: number, text?: string): void;
  /** The button's name in the visitor's language, once the chat knows it. */
  setLabel(name: string): void;
  /** Hidden while the panel is open: the panel has its own close button. */
  setOpen(open: boolean): void;
  /** `Firstline.hide()` / `show()`: hidden even while the panel is closed. */
  setHidden(hidden: boolean): void;
  /** Points aria-controls at the panel once the chat has rendered it (never at a missing id). */
  setControls(id: string | null): void;
}

const SVG = 'http://www.w3.org/2000/svg';
const ICON =
  'M4 4h16a2 2 0 0 1 2 2v10a2 2 0 0 1-2 2H9l-4.2 3.4A.5.5 0 0 1 4 21v-3a2 2 0 ' +
  '0 1-2-2V6a2 2 0 0 1 2-2Zm3 6.5a1.5 1.5 0 1 0 0-3 1.5 1.5 0 0 0 0 3Zm5 0a1.5 ' +
  '1.5 0 1 0 0-3 1.5 1.5 0 0 0 0 3Zm5 0a1.5 1.5 0 1 0 0-3 1.5 1.5 0 0 0 0 3Z';

function attrs(el: Element, values: Record<string, string>): void {
  for (const [name, value] of Object.entries(values)) el.setAttribute(name, value);
}

/** `onHint`: the pointer is over the button or it has focus, so a click is likely: fetch the chat now. */
export function createLauncher(doc: Document, onOpen: () => void, onHint: () => void): LauncherHandle {
  const button = doc.createElement('button');
  attrs(button, {
    type: 'button',
    class: 'fl-launcher',
    'aria-label': launcherName(navigator.language),
    'aria-expanded': 'false',
  });
  const svg = doc.createElementNS(SVG, 'svg');
  attrs(svg, { 'aria-hidden': 'true', viewBox: '0 0 24 24', width: '26', height: '26', focusable: 'false' });
  const path = doc.createElementNS(SVG, 'path');
  attrs(path, { fill: 'currentColor', d: ICON });
  svg.append(path);
  button.append(svg);
  button.addEventListener('click', onOpen);
  for (const type of ['pointerenter', 'focus']) button.addEventListener(type, onHint);

  let badge: HTMLSpanElement | null = null;
  let open = false;
  let hidden = false;
  const apply = (): void => void (button.hidden = open || hidden);
  return {
    button,
    setUnread(count, text) {
      badge?.remove();
      badge = null;
      button.removeAttribute('aria-describedby');
      if (!(count > 0)) return;
      badge = doc.createElement('span');
      attrs(badge, { id: 'fl-unread', class: 'fl-badge' });
      const sr = doc.createElement('span');
      sr.className = 'fl-sr';
      sr.textContent = ` ${text ?? `unread message${count === 1 ? '' : 's'}`}`;
      badge.append(count > 9 ? '9+' : String(count), sr);
      button.append(badge);
      button.setAttribute('aria-describedby', 'fl-unread');
    },
    setOpen(o) {
      open = o;
      apply();
    },
    setHidden(h) {
      hidden = h;
      apply();
    },
    setLabel(name) {
      button.setAttribute('aria-label', name);
    },
    setControls(id) {
      if (id) button.setAttribute('aria-controls', id);
      else button.removeAttribute('aria-controls');
    },
  };
}
