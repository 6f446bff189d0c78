import { batch, signal, type ReadonlySignal } from '@preact/signals';
import type { VisitorIdentity } from '../protocol/domain.js';
import type { AttachmentRef } from '../protocol/attachments.js';
import type { VisitorAuth } from '../protocol/visitor-socket.js';
import { lastServerMessageId, type ViewMessage } from './message-list.js';
import { createOutbox } from './outbox.js';
import type { ContactState, CsatState } from './follow-up.js';
import type { PageContext } from './page-info.js';
import type { QueueState } from './queue-text.js';
import type { KeyValueStorage } from './safe-storage.js';
import type { WarmSocket } from './socket-warmup.js';
import type { StorageKeys } from './storage-keys.js';
import { setText } from './text.js';
import { createConnection, type ConnectionState, type SocketFactory } from './models/connection-model.js';
import { createFollowUp, type FeedbackState } from './models/follow-up-model.js';
import { createHandoff } from './models/handoff-model.js';
import { createOutboxSender } from './models/outbox-sender.js';
import { createPageTracker } from './models/page-tracker.js';
import { createTranscript } from './models/transcript-model.js';
import { createVisitorSession } from './models/visitor-session.js';

export type { ConnectionState, SocketFactory, VisitorSocket } from './models/connection-model.js';
export type { FeedbackState } from './models/follow-up-model.js';

export interface ChatModelOptions {
  /** Origin of the Firstline server. */
  serverUrl: string;
  storage: KeyValueStorage;
  /** Where this server's session and outbox live in `storage` (`storageKeys(serverUrl)`, from the loader). */
  keys: StorageKeys;
  /** Where the visitor is right now. */
  location: () => { url: string; title: string };
  createSocket?: SocketFactory;
  newId?: () => string;
  now?: () => Date;
  /** How long to wait for an ack before treating a message as undelivered. */
  ackTimeoutMs?: number;
  /** Coalesces a route change and the setContext call that usually follows it into one `page` event. */
  pageDebounceMs?: number;
  /** Delay before trying again after the server refused the connection. */
  refusedRetryMs?: number;
  /** The browser's language (`navigator.language`), the server's fallback for short messages. */
  locale?: string;
  /** Tells the host page (`Firstline.on`): each new message once, and each handoff once. */
  onEvent?: (name: 'message' | 'handoff', payload: unknown) => void;
  /** The WebSocket the loader opened ahead while the chunk downloaded (socket-warmup.ts), if any. */
  takeSocket?: (url: string) => WarmSocket | null;
}

export interface ChatModel {
  readonly messages: ReadonlySignal<ViewMessage[]>;
  readonly connection: ReadonlySignal<ConnectionState>;
  readonly queue: ReadonlySignal<QueueState | null>;
  readonly typing: ReadonlySignal<'ai' | 'agent' | null>;
  readonly agentName: ReadonlySignal<string | null>;
  readonly isOpen: ReadonlySignal<boolean>;
  readonly unread: ReadonlySignal<number>;
  readonly conversationId: ReadonlySignal<string | null>;
  /** Feedback given on AI answers, by message id. */
  readonly feedback: ReadonlySignal<Readonly<Record<string, FeedbackState>>>;
  /** The last handoff said nobody can answer now: offer to continue by email. */
  readonly nobodyOnline: ReadonlySignal<boolean>;
  /** The email the host page passed through `identify`, to prefill "continue by email". */
  readonly knownEmail: ReadonlySignal<string | null>;
  readonly contact: ReadonlySignal<ContactState>;
  readonly csat: ReadonlySignal<CsatState>;
  /** Leaves an email to continue by; false when it does not look like one or we are offline. */
  sendContact(email: string): boolean;
  /** The 1-5 rating (and optional comment) after an agent resolved the conversation. */
  sendCsat(score: number, comment?: string): void;
  /** Connects now if there is a conversation to resume or an unsent message; otherwise waits for the visitor. */
  start(): void;
  open(): void;
  close(): void;
  /** Returns false when there is neither text nor a file, or the text is too long. */
  send(text: string, attachments?: AttachmentRef[], human?: true): boolean;
  /** Uploads a screenshot or file for the next message; rejects with the server's reason (size, type). */
  upload(file: File): Promise<AttachmentRef>;
  /** A file of this conversation, fetched with the session token. */
  file(id: string): Promise<Blob>;
  retry(clientMessageId: string): void;
  /** "Did this help?": yes resolves the conversation, no brings in a person on the next message. */
  sendFeedback(messageId: string, helpful: boolean): void;
  identify(identity: VisitorIdentity): void;
  /** Replaces the page context (pass null to clear) and reports it. */
  setContext(context: PageContext | undefined): void;
  /** The route may have changed: report the page after a short debounce. */
  pageChanged(): void;
  /** Report the page now (manual `Firstline.page()`). */
  reportPage(): void;
  /**
   * `Firstline.shutdown()`: forgets this visitor (conversation, outbox, identity) and disconnects; the next open starts
   * afresh.
   */
  shutdown(): void;
  dispose(): void;
}

/**
 * The chat's state, composed from small models (widget/models/): the connection, the transcript and
 * its outbox sender, the handoff, the follow-ups, the page tracker and the visitor's session. What
 * ties them together lives here: the handshake, identity, the panel's open state and unread count.
 */
export function createChatModel(options: ChatModelOptions): ChatModel {
  // Each model takes its own options (and their defaults) from these; only the shared ones are read here.
  const {
    serverUrl,
    storage,
    keys,
    locale,
    now = () => new Date(),
    ackTimeoutMs = 15_000,
    onEvent = () => {},
  } = options;

  const outbox = createOutbox(storage, keys.outbox);
  const session = createVisitorSession(storage, keys.session);
  const isOpen = signal(false);
  const unread = signal(0);
  let identity: VisitorIdentity | undefined;

  // First, so the others get its `live`; what it calls back into is only read once it connects.
  const connection = createConnection({
    ...options,
    auth(): VisitorAuth {
      const auth: VisitorAuth = { page: page.handshake() };
      const token = session.get()?.token;
      if (locale) auth.locale = locale;
      if (token) auth.token = token;
      if (identity && Object.keys(identity).length > 0) auth.visitor = identity;
      const lastId = lastServerMessageId(messages.peek());
      if (lastId) auth.lastMessageId = lastId;
      return auth;
    },
    bind(s) {
      s.on('session', (p) => session.save(p, identity?.id));
      s.on('language', (p) => setText(p?.text));
      bindTranscript(s);
      bindHandoff(s);
      bindFollowUp(s);
    },
    onConnect: () => void resync().then(sender.flush),
    dropToken() {
      if (!session.get()) return false;
      forgetConversation();
      return true;
    },
  });
  const { live } = connection;
  const {
    messages,
    typing,
    notice,
    resync,
    forget: forgetTranscript,
    dispose: disposeTranscript,
    bind: bindTranscript,
  } = createTranscript({
    outbox,
    live,
    ackTimeoutMs,
    now,
    onEvent,
    onReply(m, isLive, fresh) {
      // From history, an agent only counts as "with you" if the conversation is still assigned.
      if (m.role === 'agent' && m.authorName && (isLive || session.status() === 'assigned'))
        handoff.agentName.value = m.authorName;
      if (isLive && !isOpen.peek() && fresh) unread.value = unread.peek() + 1;
    },
  });
  // The rest of each model is the chat model's own surface, spread into it below.
  const { bind: bindHandoff, ...handoff } = createHandoff({ onEvent, typing, notice });
  const { bind: bindFollowUp, identified, reset: resetFollowUp, ...followUp } = createFollowUp({ live, ackTimeoutMs });
  const page = createPageTracker({ ...options, live });

  /** Drops the stored conversation (new visitor on this browser, or a token the server no longer accepts). */
  function forgetConversation(): void {
    batch(() => {
      session.forget();
      handoff.queue.value = null;
      typing.value = null;
      handoff.agentName.value = null;
    });
  }

  const ensureConnected = connection.ensure;
  const sender = createOutboxSender({
    ...options,
    outbox,
    messages,
    live,
    connect: ensureConnected,
    page: page.current,
    ackTimeoutMs,
    now,
  });

  /** `/api/visitor/attachments<path>` with the session token (waits for the first `session`). */
  async function visitorApi(path: string, init?: RequestInit): Promise<Response> {
    ensureConnected();
    for (let i = 0; !session.get() && i < 50; i++) await new Promise((r) => setTimeout(r, 200));
    const token = session.get()?.token;
    if (!token) throw Error('Not connected');
    const res = await fetch(`${serverUrl}/api/visitor/attachments${path}`, {
      ...init,
      headers: { authorization: `Bearer ${token}` },
    });
    if (!res.ok)
      throw Error(
        ((await res.json().catch(() => null)) as { error?: { message?: string } } | null)?.error?.message ||
          res.statusText,
      );
    return res;
  }

  return {
    ...handoff,
    ...followUp,
    messages,
    connection: connection.state,
    typing,
    isOpen,
    unread,
    conversationId: session.conversationId,
    start() {
      if (session.get() || outbox.list().length > 0) ensureConnected();
    },
    open() {
      batch(() => {
        isOpen.value = true;
        unread.value = 0;
      });
      ensureConnected();
    },
    close() {
      isOpen.value = false;
    },
    send: sender.send,
    retry: sender.retry,
    upload: async (f) =>
      (
        await visitorApi(`?name=${encodeURIComponent(f.name)}`, { method: 'POST', body: f })
      ).json() as Promise<AttachmentRef>,
    file: async (id) => (await visitorApi(`/${encodeURIComponent(id)}`)).blob(),
    identify(next) {
      if (JSON.stringify(next) === JSON.stringify(identity ?? {})) return;
      const visitorId = session.get()?.visitorId;
      if (visitorId && next.id && next.id !== visitorId) {
        // Someone else logged in on this browser: never show them the previous person's chat.
        forgetConversation();
        outbox.clear();
        messages.value = [];
      }
      identity = next;
      identified(next.email);
      connection.renew();
    },
    setContext: page.setContext,
    pageChanged: page.changed,
    reportPage: page.report,
    shutdown() {
      sender.dispose();
      connection.close();
      forgetConversation();
      outbox.clear();
      identity = undefined;
      batch(() => {
        forgetTranscript();
        isOpen.value = false;
        unread.value = 0;
        handoff.nobodyOnline.value = false;
        resetFollowUp();
      });
    },
    dispose() {
      disposeTranscript();
      page.dispose();
      sender.dispose();
      connection.close(true);
    },
  };
}
