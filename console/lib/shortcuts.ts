// Pure keyboard mapping, so what a key does is decided (and tested) in one place.
export type ShortcutContext = 'global' | 'queue' | 'conversation';

export type Command =
  | 'help'
  | 'close'
  | 'next'
  | 'prev'
  | 'open'
  | 'claim'
  | 'focusReply'
  | 'resolve'
  | 'back'
  | 'transfer'
  | 'note'
  | 'toggleAway'
  | 'claimOffer'
  | 'goPrefix'
  | 'goQueue'
  | 'goNotifications'
  | 'goAnalytics'
  | 'search';

/** Where the key was pressed: typing in a field must not trigger letter shortcuts. */
export type TargetKind = 'editable' | 'interactive' | 'other';

export interface KeyLike {
  key: string;
  ctrlKey?: boolean;
  metaKey?: boolean;
  altKey?: boolean;
  shiftKey?: boolean;
  isComposing?: boolean;
}

export const SHORTCUTS: ReadonlyArray<{ keys: string[]; label: string; context: ShortcutContext }> = [
  { keys: ['?'], label: 'Show or hide this help', context: 'global' },
  { keys: ['Esc'], label: 'Close a dialog, leave the reply box, or go back to the queue', context: 'global' },
  { keys: ['j'], label: 'Next conversation', context: 'queue' },
  { keys: ['k'], label: 'Previous conversation', context: 'queue' },
  { keys: ['Enter'], label: 'Open the selected conversation', context: 'queue' },
  { keys: ['c'], label: 'Claim this conversation', context: 'conversation' },
  { keys: ['r'], label: 'Focus the reply box', context: 'conversation' },
  { keys: ['Enter'], label: 'Send the reply (in the reply box)', context: 'conversation' },
  { keys: ['Shift', 'Enter'], label: 'New line in the reply', context: 'conversation' },
  { keys: ['Ctrl/⌘', 'Enter'], label: 'Resolve (asks to confirm)', context: 'conversation' },
  { keys: ['a'], label: 'Toggle Online / Away', context: 'global' },
  { keys: ['/'], label: 'Search conversations', context: 'global' },
  { keys: ['g', 'q'], label: 'Go to the queue', context: 'global' },
  { keys: ['g', 'n'], label: 'Open notifications', context: 'global' },
  { keys: ['g', 'a'], label: 'Go to analytics (admins)', context: 'global' },
  { keys: ['o'], label: 'Claim the conversation offered to you', context: 'queue' },
  { keys: ['t'], label: 'Transfer to an agent or team', context: 'conversation' },
  { keys: ['n'], label: 'Add an internal note', context: 'conversation' },
  { keys: ['/'], label: 'Canned responses (in the reply box)', context: 'conversation' },
];

/** Keys that follow a "g" prefix. */
const GO: Record<string, Command> = { q: 'goQueue', n: 'goNotifications', a: 'goAnalytics' };

/**
 * `prefix` is a pending "g" when this key completes a two-key sequence: then only the global
 * context acts on it (g q, g n, g a), so "g n" never also opens the note dialog.
 */
export function resolveShortcut(
  e: KeyLike,
  target: TargetKind,
  context: ShortcutContext,
  prefix: string | null = null,
): Command | null {
  if (e.isComposing) return null;
  const mod = !!(e.ctrlKey || e.metaKey);
  const plain = target !== 'editable' && !mod && !e.altKey;
  if (prefix === 'g' && plain && e.key !== 'Escape') {
    return context === 'global' ? (GO[e.key.toLowerCase()] ?? null) : null;
  }
  if (context === 'global') {
    if (e.key === 'Escape') return 'close';
    if (plain && e.key === '?') return 'help';
    if (plain && !e.shiftKey && e.key === 'g') return 'goPrefix';
    if (plain && !e.shiftKey && e.key === 'a') return 'toggleAway';
    if (plain && e.key === '/') return 'search';
    return null;
  }
  if (context === 'conversation') {
    // Resolve works from the reply box too: that is where the agent is when the chat ends.
    if (mod && !e.altKey && e.key === 'Enter') return 'resolve';
    if (e.key === 'Escape' && target !== 'editable') return 'back';
  }
  if (target === 'editable' || mod || e.altKey) return null;
  const key = e.key.length === 1 ? e.key.toLowerCase() : e.key;
  if (context === 'queue') {
    if (e.shiftKey) return null;
    if (key === 'j' || e.key === 'ArrowDown') return 'next';
    if (key === 'k' || e.key === 'ArrowUp') return 'prev';
    // A focused link or button already acts on Enter by itself.
    if (e.key === 'Enter' && target === 'other') return 'open';
    if (key === 'o') return 'claimOffer';
    return null;
  }
  if (e.shiftKey) return null;
  if (key === 'c') return 'claim';
  if (key === 'r') return 'focusReply';
  if (key === 't') return 'transfer';
  if (key === 'n') return 'note';
  return null;
}

/** What a key does inside the reply box. Ctrl/Cmd+Enter is left to the resolve shortcut. */
export function replyKeyAction(e: KeyLike): 'send' | null {
  if (e.key !== 'Enter' || e.isComposing) return null;
  if (e.shiftKey || e.ctrlKey || e.metaKey || e.altKey) return null;
  return 'send';
}

export function targetKind(el: EventTarget | null): TargetKind {
  const node = el as (HTMLElement & { isContentEditable?: boolean }) | null;
  if (!node || typeof node.tagName !== 'string') return 'other';
  const tag = node.tagName.toLowerCase();
  if (tag === 'textarea' || tag === 'select' || node.isContentEditable) return 'editable';
  if (tag === 'input') {
    const type = (node.getAttribute('type') ?? 'text').toLowerCase();
    return ['checkbox', 'radio', 'button', 'submit', 'reset'].includes(type) ? 'interactive' : 'editable';
  }
  if (tag === 'a' || tag === 'button' || tag === 'summary') return 'interactive';
  return 'other';
}
