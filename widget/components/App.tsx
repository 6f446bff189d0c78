import { useLayoutEffect, useRef } from 'preact/hooks';
import type { ChatModel } from '../chat-model.js';
import { ChatPanel } from './ChatPanel.js';
import { Launcher } from './Launcher.js';
import type { SuggestionSource } from '../suggestions.js';

export interface AppProps {
  model: ChatModel;
  title: string;
  /** Page base for resolving relative citation links. */
  baseUrl: () => string;
  suggestions?: SuggestionSource;
  page?: () => { url: string; title: string };
}

/** The launcher and the panel; moves focus between them as the panel opens and closes. */
export function App({ model, title, baseUrl, suggestions, page }: AppProps) {
  const isOpen = model.isOpen.value;
  const launcherRef = useRef<HTMLButtonElement>(null);
  const inputRef = useRef<HTMLTextAreaElement>(null);
  const panelRef = useRef<HTMLElement>(null);
  const wasOpen = useRef(isOpen);
  const returnFocus = useRef(false);

  useLayoutEffect(() => {
    if (isOpen && !wasOpen.current) {
      inputRef.current?.focus();
    } else if (!isOpen && wasOpen.current) {
      // Give focus back to the launcher only if the visitor was in the panel (Esc, close button):
      // a close() from the host page must not steal focus from where the visitor is.
      const root = panelRef.current?.getRootNode() as ShadowRoot | Document | undefined;
      const active = root?.activeElement ?? null;
      if (returnFocus.current || (active && panelRef.current?.contains(active))) launcherRef.current?.focus();
      returnFocus.current = false;
    }
    wasOpen.current = isOpen;
  }, [isOpen]);

  const closeFromPanel = () => {
    returnFocus.current = true;
    model.close();
  };

  return (
    <div class="fl-root">
      {!isOpen && <Launcher buttonRef={launcherRef} unread={model.unread.value} onOpen={() => model.open()} />}
      <ChatPanel
        model={model}
        title={title}
        open={isOpen}
        panelRef={panelRef}
        inputRef={inputRef}
        baseUrl={baseUrl}
        onClose={closeFromPanel}
        suggestions={suggestions}
        page={page}
      />
    </div>
  );
}
