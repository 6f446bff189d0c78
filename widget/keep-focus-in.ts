const FOCUSABLE = 'a[href],button:not(:disabled),input:not(:disabled),textarea:not(:disabled),[tabindex="0"]';

/**
 * For a Tab keydown inside `root`: from its last focusable element Tab goes to the first, and from
 * its first Shift+Tab goes to the last, so focus cannot leave a modal dialog.
 */
export function keepFocusIn(e: KeyboardEvent, root: HTMLElement): void {
  const items = [...root.querySelectorAll<HTMLElement>(FOCUSABLE)].filter((el) => el.getClientRects().length > 0);
  const active = (root.getRootNode() as Document | ShadowRoot).activeElement;
  const edge = e.shiftKey ? items[0] : items[items.length - 1];
  if (edge && (active === edge || !root.contains(active))) {
    e.preventDefault();
    (e.shiftKey ? items[items.length - 1] : items[0])!.focus();
  }
}
