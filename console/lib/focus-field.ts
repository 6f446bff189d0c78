// Brings a form field into view and focuses it (an empty state's "do this next" button).
export function focusField(selector: string): void {
  const el = document.querySelector<HTMLElement>(selector);
  el?.scrollIntoView?.({ block: 'center' });
  el?.focus();
}
