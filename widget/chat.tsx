/**
 * The chat chunk: Preact, signals, socket.io-client and the UI. The loader (main.ts) imports it on
 * the first open, when the browser is idle after load, or at once to resume a conversation.
 */
import { effect } from '@preact/signals';
import { render } from 'preact';
import { createChatModel } from './chat-model.js';
import { App } from './components/App.js';
import type { ChatApi } from './deferred-chat.js';
import type { ChatView } from './firstline-element.js';
import { normalizeIdentity } from './identity.js';
import type { KeyValueStorage } from './safe-storage.js';
import type { WarmSocket } from './socket-warmup.js';
import type { StorageKeys } from './storage-keys.js';
import { createSuggestionSource } from './suggestions.js';
import { identityFromTag } from './tag-identity.js';
import css from './styles.css?inline';

export interface ChatOptions {
  serverUrl: string;
  title: string;
  storage: KeyValueStorage;
  keys: StorageKeys;
  /** The embedding tag's data-* attributes: `data-user-*` identify the visitor before any host call. */
  dataset?: Record<string, string | undefined>;
  /** Tells the host page's `Firstline.on` listeners (the loader keeps them). */
  emit?: (name: 'open' | 'close' | 'message' | 'handoff', payload?: unknown) => void;
  /** The loader's early WebSocket (socket-warmup.ts). */
  takeSocket?: (url: string) => WarmSocket | null;
  /** From the console's appearance settings: shown above an empty conversation. */
  greeting?: string;
  /** Header avatar: the image, else the initial. */
  avatar?: { url: string; initial: string } | null;
}

export interface LoadedChat {
  api: ChatApi;
  view: ChatView;
}

export function createChat({
  serverUrl,
  title,
  storage,
  keys,
  dataset = {},
  emit = () => {},
  takeSocket,
  greeting,
  avatar,
}: ChatOptions): LoadedChat {
  const here = () => ({ url: location.href, title: document.title });
  const model = createChatModel({
    serverUrl,
    storage,
    keys,
    location: here,
    locale: navigator.language,
    onEvent: emit,
    takeSocket,
  });
  const fromTag = identityFromTag(dataset);
  if (fromTag) model.identify(normalizeIdentity(fromTag));
  let wasOpen = false;
  effect(() => {
    const open = model.isOpen.value;
    if (open !== wasOpen) emit(open ? 'open' : 'close');
    wasOpen = open;
  });
  const suggestions = createSuggestionSource(serverUrl);
  return {
    api: {
      identify: (input) => model.identify(normalizeIdentity(input)),
      setContext: (input) => model.setContext(input),
      open: () => model.open(),
      close: () => model.close(),
      reportPage: () => model.reportPage(),
      shutdown: () => model.shutdown(),
      start: () => model.start(),
      pageChanged: () => model.pageChanged(),
    },
    view: {
      css,
      render: (mountPoint, launcher) =>
        render(
          <App
            model={model}
            title={title}
            greeting={greeting}
            avatar={avatar}
            launcher={launcher}
            baseUrl={() => document.baseURI}
            suggestions={suggestions}
            page={here}
          />,
          mountPoint,
        ),
      unmount: (mountPoint) => render(null, mountPoint),
    },
  };
}
