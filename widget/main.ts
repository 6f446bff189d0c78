/**
 * The loader: what the host page embeds.
 *   <script src="https://support.example.com/widget.js" data-firstline async></script>
 * Optional attributes: data-server (Firstline origin, when the script is hosted elsewhere),
 * data-title (panel heading), data-user-* (identity), data-launcher="hidden"; elements anywhere
 * in the page may carry data-firstline-open-on-click (and close, shutdown, show, hide).
 *
 * It stays a few KB: it reads the configuration, draws the launcher, takes window API calls and
 * watches route changes. The chat itself (Preact, socket.io-client, the UI) is a separate chunk,
 * imported on the first open, when the browser is idle after load, or at once when a conversation
 * is running. Nothing here may be imported by the chat (the build checks): the chat gets what it
 * needs from the loader as arguments.
 */
import { watchClickCommands } from './click-commands.js';
import { createCommands } from './commands/index.js';
import { createDeferredChat } from './deferred-chat.js';
import {
  defineFirstlineElement,
  ELEMENT_NAME,
  type ChatView,
  type FirstlineElementControl,
} from './firstline-element.js';
import { createHostEvents } from './host-events.js';
import { watchRoutes } from './route-watcher.js';
import { createSafeStorage } from './safe-storage.js';
import { createSocketWarmup } from './socket-warmup.js';
import { readScriptAttributes, resolveScriptConfig } from './script-config.js';
import { hasStoredConversation, storageKeys } from './storage-keys.js';
import { installWindowApi } from './window-api.js';
import { applyLook, loadLook, type Look } from './appearance.js';
import { whenIdle } from './when-idle.js';
import type { createChat } from './chat.js';

/** The chat chunk's content-hashed path, relative to this script; the build writes it in. */
const CHAT_CHUNK = '__FIRSTLINE_CHAT_CHUNK__';

// document.currentScript is only set while this script first runs: read it before anything async.
const attributes = readScriptAttributes(document);

function boot(): void {
  if (customElements.get(ELEMENT_NAME)) {
    console.warn('[firstline] widget script included twice; ignoring the second copy');
    return;
  }
  const config = resolveScriptConfig(attributes, location.href);
  const storage = createSafeStorage(() => window.localStorage);
  const keys = storageKeys(config.serverUrl);
  // Relative to this script's own URL: customers load it from the Firstline origin (or a CDN path).
  const chunkUrl = new URL(CHAT_CHUNK, attributes.src ?? `${config.serverUrl}/widget.js`).href;

  // The admin's appearance, read at every load so a change in the console shows without a rebuild.
  // Fetched when idle (or with the chat): the launcher first draws with the built-in look, the
  // same size, and takes the colours when they arrive.
  let look: Look | null = null;
  let looked: Promise<void> | undefined;
  const styleAll = () =>
    look && document.querySelectorAll<HTMLElement>(ELEMENT_NAME).forEach((el) => applyLook(el, look!));
  const fetchLook = (): Promise<void> =>
    (looked ??= loadLook(config.serverUrl).then((l) => {
      look = l;
      styleAll();
    }));

  const events = createHostEvents();
  const warmup = createSocketWarmup(config.serverUrl);
  let element: FirstlineElementControl | undefined;
  let view: ChatView | undefined;
  const chat = createDeferredChat(
    async () => {
      const [mod] = await Promise.all([
        import(/* @vite-ignore */ chunkUrl) as Promise<{ createChat: typeof createChat }>,
        fetchLook(),
      ]);
      const l = look as Look | null;
      // data-title on the script tag wins over the team name set in the console.
      const title = attributes.title || !l ? config.title : l.teamName;
      const loaded = mod.createChat({
        serverUrl: config.serverUrl,
        title,
        storage,
        keys,
        dataset: attributes.dataset(),
        emit: events.emit,
        takeSocket: warmup.take,
        greeting: l?.greeting,
        avatar: l && { url: l.avatarUrl, initial: l.initial },
      });
      view = loaded.view;
      return loaded.api;
    },
    // Drawn after the queued calls ran: a pending open() starts the socket first, so the
    // connection is on its way while Preact renders.
    () => {
      element?.attach(view!);
      events.emit('ready');
    },
  );
  // Opening the chat: the socket's handshake runs while the chunk downloads, not after.
  const open = (): void => {
    warmup.warm();
    chat.open();
  };
  element = defineFirstlineElement({
    onOpen: open,
    onHint: () => {
      warmup.warm();
      void chat.load();
    },
  });

  // Also called by open(): single-page apps sometimes wipe <body>, taking the element with them.
  const mount = (): void => {
    if (document.body && !document.querySelector(ELEMENT_NAME))
      document.body.append(document.createElement(ELEMENT_NAME));
    styleAll();
  };

  // Queued identify/setContext calls run before the first connection, so the handshake carries them.
  const forget = (): void => {
    storage.remove(keys.session);
    storage.remove(keys.outbox);
  };
  const commands = createCommands({
    chat: { ...chat, open },
    mount,
    events,
    forget,
    setLauncherHidden: (hidden) => element!.setLauncherHidden(hidden),
  });
  // data-launcher first: the host's own calls come after and win (data-user-* are read by the chat, also first).
  if (attributes.launcher === 'hidden') commands.hide();
  installWindowApi(window as { Firstline?: unknown }, commands);
  watchClickCommands(document, (name) => commands[name]());
  watchRoutes(window, () => chat.pageChanged());

  // The first read of localStorage costs the page some 15 ms (Chromium loads the origin's storage
  // synchronously), so the check for a running conversation waits for the first idle moment, which
  // usually comes right after this script: a running conversation (or an unsent message) then
  // loads the chat at once; otherwise the chat is fetched when idle after the page's load.
  whenIdle(() => {
    void fetchLook();
    if (hasStoredConversation(storage, keys)) void chat.load();
  }, 500);
  const idle = (): void => whenIdle(() => void chat.load(), 5_000);
  if (document.readyState === 'complete') idle();
  else window.addEventListener('load', idle, { once: true });

  // An async script can run before the host's deferred scripts (which usually call identify);
  // waiting for DOMContentLoaded lets a resumed conversation connect with the identity already set.
  const ready = (): void => {
    mount();
    chat.start();
  };
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', ready, { once: true });
  else ready();
}

boot();
