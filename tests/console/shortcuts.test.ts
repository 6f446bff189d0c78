import { describe, expect, it } from 'vitest';
import { replyKeyAction, resolveShortcut, SHORTCUTS, targetKind } from '../../console/lib/shortcuts.js';

describe('queue shortcuts', () => {
  it('j/k move, Enter opens', () => {
    expect(resolveShortcut({ key: 'j' }, 'other', 'queue')).toBe('next');
    expect(resolveShortcut({ key: 'k' }, 'other', 'queue')).toBe('prev');
    expect(resolveShortcut({ key: 'J', shiftKey: true }, 'interactive', 'queue')).toBe(null); // Shift+J is not j
    expect(resolveShortcut({ key: 'Enter' }, 'other', 'queue')).toBe('open');
  });
  it('Enter on a focused link is left to the browser', () => {
    expect(resolveShortcut({ key: 'Enter' }, 'interactive', 'queue')).toBe(null);
  });
  it('letters typed into a field do nothing', () => {
    expect(resolveShortcut({ key: 'j' }, 'editable', 'queue')).toBe(null);
  });
  it('modified keys are the browser’s', () => {
    expect(resolveShortcut({ key: 'k', ctrlKey: true }, 'other', 'queue')).toBe(null);
    expect(resolveShortcut({ key: 'j', metaKey: true }, 'other', 'queue')).toBe(null);
  });
});

describe('conversation shortcuts', () => {
  it('c claims and r focuses the reply', () => {
    expect(resolveShortcut({ key: 'c' }, 'other', 'conversation')).toBe('claim');
    expect(resolveShortcut({ key: 'r' }, 'interactive', 'conversation')).toBe('focusReply');
    expect(resolveShortcut({ key: 'c' }, 'editable', 'conversation')).toBe(null);
    expect(resolveShortcut({ key: 'c', ctrlKey: true }, 'other', 'conversation')).toBe(null);
  });
  it('Ctrl+Enter and Cmd+Enter resolve, even from the reply box', () => {
    expect(resolveShortcut({ key: 'Enter', ctrlKey: true }, 'editable', 'conversation')).toBe('resolve');
    expect(resolveShortcut({ key: 'Enter', metaKey: true }, 'other', 'conversation')).toBe('resolve');
    expect(resolveShortcut({ key: 'Enter' }, 'editable', 'conversation')).toBe(null);
  });
  it('Escape goes back unless typing', () => {
    expect(resolveShortcut({ key: 'Escape' }, 'other', 'conversation')).toBe('back');
    expect(resolveShortcut({ key: 'Escape' }, 'editable', 'conversation')).toBe(null);
  });
  it('ignores keys during IME composition', () => {
    expect(resolveShortcut({ key: 'Enter', ctrlKey: true, isComposing: true }, 'editable', 'conversation')).toBe(null);
  });
});

describe('global shortcuts', () => {
  it('? toggles help outside fields only', () => {
    expect(resolveShortcut({ key: '?', shiftKey: true }, 'other', 'global')).toBe('help');
    expect(resolveShortcut({ key: '?', shiftKey: true }, 'editable', 'global')).toBe(null);
    expect(resolveShortcut({ key: 'Escape' }, 'editable', 'global')).toBe('close');
  });
  it('every documented context has at least one shortcut', () => {
    expect(new Set(SHORTCUTS.map((s) => s.context))).toEqual(new Set(['global', 'queue', 'conversation']));
  });
});

describe('reply box keys', () => {
  it('Enter sends; Shift/Ctrl/Cmd+Enter do not', () => {
    expect(replyKeyAction({ key: 'Enter' })).toBe('send');
    expect(replyKeyAction({ key: 'Enter', shiftKey: true })).toBe(null);
    expect(replyKeyAction({ key: 'Enter', ctrlKey: true })).toBe(null);
    expect(replyKeyAction({ key: 'Enter', metaKey: true })).toBe(null);
    expect(replyKeyAction({ key: 'Enter', isComposing: true })).toBe(null);
    expect(replyKeyAction({ key: 'a' })).toBe(null);
  });
});

describe('target kind', () => {
  const el = (tagName: string, attrs: Record<string, string> = {}, extra: object = {}) =>
    ({ tagName, getAttribute: (n: string) => attrs[n] ?? null, ...extra }) as unknown as EventTarget;
  it('classifies fields, controls and the rest', () => {
    expect(targetKind(el('TEXTAREA'))).toBe('editable');
    expect(targetKind(el('INPUT'))).toBe('editable');
    expect(targetKind(el('INPUT', { type: 'checkbox' }))).toBe('interactive');
    expect(targetKind(el('SELECT'))).toBe('editable');
    expect(targetKind(el('DIV', {}, { isContentEditable: true }))).toBe('editable');
    expect(targetKind(el('A'))).toBe('interactive');
    expect(targetKind(el('BUTTON'))).toBe('interactive');
    expect(targetKind(el('DIV'))).toBe('other');
    expect(targetKind(null)).toBe('other');
  });
});

describe('handoff shortcuts (issue #5)', () => {
  it('t transfers and n adds a note in a conversation', () => {
    expect(resolveShortcut({ key: 't' }, 'other', 'conversation')).toBe('transfer');
    expect(resolveShortcut({ key: 'n' }, 'interactive', 'conversation')).toBe('note');
    expect(resolveShortcut({ key: 'n' }, 'editable', 'conversation')).toBe(null);
  });
  it('a toggles away anywhere but in a field; o claims an offer in the queue', () => {
    expect(resolveShortcut({ key: 'a' }, 'other', 'global')).toBe('toggleAway');
    expect(resolveShortcut({ key: 'a' }, 'editable', 'global')).toBe(null);
    expect(resolveShortcut({ key: 'o' }, 'other', 'queue')).toBe('claimOffer');
  });
  it('/ goes to search, except while typing (the reply box uses it for canned responses)', () => {
    expect(resolveShortcut({ key: '/' }, 'other', 'global')).toBe('search');
    expect(resolveShortcut({ key: '/' }, 'interactive', 'global')).toBe('search');
    expect(resolveShortcut({ key: '/' }, 'editable', 'global')).toBe(null);
  });
  it('g starts a sequence that only the global context completes', () => {
    expect(resolveShortcut({ key: 'g' }, 'other', 'global')).toBe('goPrefix');
    expect(resolveShortcut({ key: 'q' }, 'other', 'global', 'g')).toBe('goQueue');
    expect(resolveShortcut({ key: 'n' }, 'other', 'global', 'g')).toBe('goNotifications');
    expect(resolveShortcut({ key: 'a' }, 'other', 'global', 'g')).toBe('goAnalytics');
    expect(resolveShortcut({ key: 'n' }, 'other', 'conversation', 'g')).toBe(null);
    expect(resolveShortcut({ key: 'x' }, 'other', 'global', 'g')).toBe(null);
    expect(resolveShortcut({ key: 'Escape' }, 'other', 'global', 'g')).toBe('close');
  });
  it('lists every new key in the help', () => {
    const keys = SHORTCUTS.map((s) => s.keys.join(' '));
    expect(keys).toEqual(expect.arrayContaining(['t', 'n', 'a', 'o', 'g q', 'g n', '/']));
  });
});
