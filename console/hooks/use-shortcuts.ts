// Binds keyboard commands for one context while the calling component is mounted.
import { useEffect, useRef } from 'preact/hooks';
import { resolveShortcut, targetKind, type Command, type ShortcutContext } from '../lib/shortcuts.js';

/** A handler returns false when it did not act, so the key keeps its default behaviour. */
export type ShortcutHandlers = Partial<Record<Command, (e: KeyboardEvent) => void | boolean>>;

/**
 * A pending "g": every listener sees it for the key that follows (whatever order they were added
 * in), then it is spent. Shared by all contexts, so it lives at module level.
 */
let pending: { key: string; event: KeyboardEvent; at: number; spentBy?: KeyboardEvent } | null = null;
const PREFIX_MS = 1500;

function activePrefix(e: KeyboardEvent): string | null {
  if (!pending || pending.event === e) return null;
  if (pending.spentBy && pending.spentBy !== e) return null;
  if (e.timeStamp - pending.at > PREFIX_MS && !pending.spentBy) return null;
  if (!pending.spentBy && !['Shift', 'Control', 'Alt', 'Meta'].includes(e.key)) pending.spentBy = e;
  return pending.key;
}

export function useShortcuts(context: ShortcutContext, handlers: ShortcutHandlers): void {
  const ref = useRef(handlers);
  ref.current = handlers;
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.defaultPrevented) return;
      // A modal dialog owns the keyboard while it is open.
      if (context !== 'global' && document.querySelector('dialog[open]')) return;
      const command = resolveShortcut(e, targetKind(e.target), context, activePrefix(e));
      if (command === 'goPrefix') pending = { key: 'g', event: e, at: e.timeStamp };
      const handler = command ? ref.current[command] : undefined;
      if (!handler) return;
      if (handler(e) !== false) e.preventDefault();
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [context]);
}
