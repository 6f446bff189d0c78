// Binds keyboard commands for one context while the calling component is mounted.
import { useEffect, useRef } from 'preact/hooks';
import { resolveShortcut, targetKind, type Command, type ShortcutContext } from '../lib/shortcuts.js';

/** A handler returns false when it did not act, so the key keeps its default behaviour. */
export type ShortcutHandlers = Partial<Record<Command, (e: KeyboardEvent) => void | boolean>>;

export function useShortcuts(context: ShortcutContext, handlers: ShortcutHandlers): void {
  const ref = useRef(handlers);
  ref.current = handlers;
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.defaultPrevented) return;
      // A modal dialog owns the keyboard while it is open.
      if (context !== 'global' && document.querySelector('dialog[open]')) return;
      const command = resolveShortcut(e, targetKind(e.target), context);
      const handler = command ? ref.current[command] : undefined;
      if (!handler) return;
      if (handler(e) !== false) e.preventDefault();
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [context]);
}
