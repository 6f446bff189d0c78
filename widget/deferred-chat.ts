import type { ChatControls } from './commands/command-context.js';

/** What the loaded chat offers the loader: the window API calls plus the loader's own hooks. */
export interface ChatApi extends ChatControls {
  /** Connects now if a conversation is running or something typed is unsent. */
  start(): void;
  /** The route may have changed. */
  pageChanged(): void;
}

export interface DeferredChat extends ChatApi {
  /** Fetches the chat (once; again after a failure) and replays the calls made meanwhile. */
  load(): Promise<boolean>;
}

type Call = { [K in keyof ChatApi]: [K, Parameters<ChatApi[K]>] }[keyof ChatApi];

/**
 * Stands in for the chat until its chunk has loaded: calls are kept in order and replayed on it;
 * `open()` starts the download; `onReady` runs once the chat is loaded and the calls replayed. A route change before
 * then is dropped, since the first handshake reports the page anyway.
 */
export function createDeferredChat(fetchChat: () => Promise<ChatApi>, onReady: () => void = () => {}): DeferredChat {
  let chat: ChatApi | null = null;
  let loading: Promise<boolean> | null = null;
  const queued: Call[] = [];

  const call = (c: Call): void => {
    // A mistake in one host call must not stop the replay of the others.
    try {
      (chat![c[0]] as (...args: unknown[]) => void)(...c[1]);
    } catch (err) {
      console.error('[firstline]', err);
    }
  };
  const later = (c: Call): void => {
    if (chat) call(c);
    else queued.push(c);
  };

  function load(): Promise<boolean> {
    loading ??= fetchChat().then(
      (loaded) => {
        chat = loaded;
        queued.splice(0).forEach(call);
        onReady();
        return true;
      },
      (err: unknown) => {
        loading = null; // the next open() tries again
        console.error(
          '[firstline] could not load the chat; ' +
            "check that the Firstline server is reachable and allowed by the page's script-src",
          err,
        );
        return false;
      },
    );
    return loading;
  }

  // Every call but open() and pageChanged() just waits its turn (one loop: the loader stays small).
  const deferred = {} as Record<Exclude<keyof ChatApi, 'open' | 'pageChanged'>, (...args: unknown[]) => void>;
  for (const name of ['identify', 'setContext', 'close', 'reportPage', 'shutdown', 'start'] as const) {
    deferred[name] = (...args) => later([name, args] as Call);
  }
  return {
    ...deferred,
    load,
    open: () => {
      later(['open', []]);
      void load();
    },
    pageChanged: () => chat?.pageChanged(),
  };
}
