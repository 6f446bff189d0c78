import { useLayoutEffect, useRef } from 'preact/hooks';
import type { ChatModel } from '../chat-model.js';
import type { LauncherHandle } from '../launcher-button.js';
import { ChatPanel } from './ChatPanel.js';
import type { SuggestionSource } from '../suggestions.js';
import { t, textFromServer } from '../text.js';

export interface AppProps {
  model: ChatModel;
  title: string;
  /** The corner button, drawn by the loader before the chat existed; the app drives its state. */
  launcher: LauncherHandle;
  /** Page base for resolving relative citation links. */
  baseUrl: () => string;
  suggestions?: SuggestionSource;
  page?: () => { url: string; title: string };
  greeting?: string;
  avatar?: { url: string; initial: string } | null;
}

const PANEL_ID = 'fl-panel';

/** The panel, and the launcher's state; moves focus between them as the panel opens and closes. */
export function App({ model, title, launcher, baseUrl, suggestions, page, greeting, avatar }: AppProps) {
  const isOpen = model.isOpen.value;
  const unread = model.unread.value;
  const inputRef = useRef<HTMLTextAreaElement>(null);
  const panelRef = useRef<HTMLElement>(null);
  const wasOpen = useRef(false);
  const returnFocus = useRef(false);

  useLayoutEffect(() => {
    launcher.setControls(PANEL_ID);
    return () => launcher.setControls(null);
  }, [launcher]);

  const label = t('open');
  const unreadText = t(unread === 1 ? 'unread1' : 'unread');
  useLayoutEffect(() => launcher.setUnread(isOpen ? 0 : unread, unreadText), [launcher, unread, isOpen, unreadText]);
  // The loader named the launcher in the browser's language; the catalogue's name replaces it only
  // once the server has sent the visitor's texts (the built-in English must not undo it at idle import).
  const named = textFromServer.value;
  useLayoutEffect(() => {
    if (named) launcher.setLabel(label);
  }, [launcher, label, named]);

  useLayoutEffect(() => {
    launcher.setOpen(isOpen);
    if (isOpen && !wasOpen.current) {
      inputRef.current?.focus();
    } else if (!isOpen && wasOpen.current) {
      // Give focus back to the launcher only if the visitor was in the panel (Esc, close button):
      // a close() from the host page must not steal focus from where the visitor is.
      const root = panelRef.current?.getRootNode() as ShadowRoot | Document | undefined;
      const active = root?.activeElement ?? null;
      if (returnFocus.current || (active && panelRef.current?.contains(active))) launcher.button.focus();
      returnFocus.current = false;
    }
    wasOpen.current = isOpen;
  }, [isOpen, launcher]);

  const closeFromPanel = () => {
    returnFocus.current = true;
    model.close();
  };

  return (
    <ChatPanel
      model={model}
      title={title}
      greeting={greeting}
      avatar={avatar}
      open={isOpen}
      panelRef={panelRef}
      inputRef={inputRef}
      baseUrl={baseUrl}
      onClose={closeFromPanel}
      suggestions={suggestions}
      page={page}
    />
  );
}
