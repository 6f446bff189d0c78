import { batch, signal, type ReadonlySignal } from '@preact/signals';
import { Fetch, io, type ManagerOptions, type Socket, type SocketOptions } from 'socket.io-client';
import { adoptingWebSocket } from './adopting-websocket.js';
import type { WarmSocket } from './socket-warmup.js';
import type { ChatMessage, PageInfo, VisitorIdentity } from '../protocol/domain.js';
import type { AttachmentRef } from '../protocol/attachments.js';
import type { HandoffNotice, SessionPayload, VisitorAuth, VisitorClientToServer, VisitorServerToClient } from '../protocol/visitor-socket.js';
import { LIMITS } from '../protocol/limits.js';
import { newClientMessageId } from './client-id.js';
import {
  addNotice,
  addPending,
  appendDelta,
  dropDraft,
  lastServerMessageId,
  markFailed,
  markPending,
  markSent,
  mergeServerMessages,
  type ViewMessage,
} from './message-list.js';
import { createOutbox, type OutboxItem } from './outbox.js';
import { isEmail, validScore, type ContactState, type CsatState } from './follow-up.js';
import { buildPageInfo, type PageContext } from './page-info.js';
import type { QueueState } from './queue-text.js';
import type { KeyValueStorage } from './safe-storage.js';
import { createSessionStore, type StoredSession } from './session-store.js';
import type { StorageKeys } from './storage-keys.js';
import { setText, t } from './text.js';

export type VisitorSocket = Socket<VisitorServerToClient, VisitorClientToServer>;
export type SocketFactory = (url: string, options: Partial<ManagerOptions & SocketOptions>) => VisitorSocket;

/**
 * idle: no socket yet (the widget connects lazily) · connecting: first attempt ·
 * connected · reconnecting: lost and retrying · unavailable: the server refused us; retrying slowly.
 */
export type ConnectionState = 'idle' | 'connecting' | 'connected' | 'reconnecting' | 'unavailable';

/** "Did this help?" on one AI answer: being sent, answered yes / no, or not delivered (the buttons come back). */
export type FeedbackState = 'sending' | 'yes' | 'no' | 'failed';

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
  /** `Firstline.shutdown()`: forgets this visitor (conversation, outbox, identity) and disconnects; the next open starts afresh. */
  shutdown(): void;
  dispose(): void;
}

const TYPING_TIMEOUT_MS = 15_000;
const TOKEN_ERROR = /token|session|expired|unauthori[sz]ed/i;

export function createChatModel(options: ChatModelOptions): ChatModel {
  const {
    serverUrl,
    storage,
    keys,
    location,
    createSocket = io as unknown as SocketFactory,
    newId = newClientMessageId,
    now = () => new Date(),
    ackTimeoutMs = 15_000,
    pageDebounceMs = 120,
    refusedRetryMs = 15_000,
    locale,
    onEvent = () => {},
    takeSocket,
  } = options;

  const sessions = createSessionStore(storage, keys.session);
  const outbox = createOutbox(storage, keys.outbox);

  const messages = signal<ViewMessage[]>([]);
  const connection = signal<ConnectionState>('idle');
  const queue = signal<QueueState | null>(null);
  const typing = signal<'ai' | 'agent' | null>(null);
  const agentName = signal<string | null>(null);
  const isOpen = signal(false);
  const unread = signal(0);
  const feedback = signal<Readonly<Record<string, FeedbackState>>>({});
  const nobodyOnline = signal(false);
  const contact = signal<ContactState>('idle');
  const csat = signal<CsatState>('hidden');
  const knownEmail = signal<string | null>(null);

  let session: StoredSession | null = sessions.load();
  const conversationId = signal<string | null>(session?.conversationId ?? null);
  let identity: VisitorIdentity | undefined;
  /** Conversation status from the last `session` event ('bot', 'queued', 'assigned', 'resolved'). */
  let status: string | null = null;
  let context: PageContext | undefined;
  let socket: VisitorSocket | null = null;
  let disposed = false;
  let flushing = false;
  let flushAgain = false;
  let lastPageKey = '';
  let noticeSeq = 0;
  let triedWithoutToken = false;
  let reconnectQueued = false;
  /** The first sync after loading brings the history: not news for the host page's `message` listeners. */
  let historyLoaded = false;
  /** Ids the host page has heard about (or that were history), so each message is announced once. */
  const announced = new Set<string>();
  let typingTimer: ReturnType<typeof setTimeout> | undefined;
  let pageTimer: ReturnType<typeof setTimeout> | undefined;
  let retryTimer: ReturnType<typeof setTimeout> | undefined;
  let flushTimer: ReturnType<typeof setTimeout> | undefined;
  // A message the server's limits refused waits out its `retryAfterMs` (this many times at most) before it is failed.
  const limited = new Map<string, number>();
  let limitedUntil = 0;

  // Messages typed before a reload and never acked are shown (as pending) and re-sent on connect.
  for (const item of outbox.list()) messages.value = addPending(messages.value, item);

  const currentPage = (): PageInfo => {
    const loc = location();
    return buildPageInfo(loc.url, loc.title, context);
  };

  function handshakeAuth(): VisitorAuth {
    const page = currentPage();
    lastPageKey = JSON.stringify(page); // the server learns this page from the handshake
    const auth: VisitorAuth = { page };
    if (locale) auth.locale = locale;
    if (session?.token) auth.token = session.token;
    if (identity && Object.keys(identity).length > 0) auth.visitor = identity;
    const lastId = lastServerMessageId(messages.peek());
    if (lastId) auth.lastMessageId = lastId;
    return auth;
  }

  function ensureConnected(): void {
    if (disposed) return;
    if (socket) {
      if (!socket.connected && !socket.active) socket.connect();
      return;
    }
    connection.value = 'connecting';
    const s = createSocket(`${serverUrl}/visitor`, {
      path: '/socket.io',
      // A function, so every reconnect sends the current token, identity, page and sync cursor.
      auth: (cb) => cb(handshakeAuth()),
      withCredentials: false,
      reconnectionDelayMax: 10_000,
      // WebSocket first: one round trip to a live chat instead of a long-polling handshake and an
      // upgrade. Where WebSockets are blocked (some proxies), polling takes over in the same attempt.
      transports: takeSocket ? [adoptingWebSocket(takeSocket), Fetch] : ['websocket', 'polling'],
      tryAllTransports: true,
    });
    socket = s;

    s.on('connect', () => {
      clearTimeout(retryTimer);
      connection.value = 'connected';
      triedWithoutToken = false;
      void resync().then(flushOutbox);
    });
    s.on('disconnect', (reason) => {
      batch(() => {
        typing.value = null;
        // 'io client disconnect' is ours (dispose or an identity change that reconnects).
        connection.value = reason === 'io client disconnect' ? (reconnectQueued ? 'connecting' : 'idle') : 'reconnecting';
      });
      // socket.io does not retry after the server closed us on purpose; try again later ourselves.
      if (reason === 'io server disconnect') scheduleRetry();
    });
    s.on('connect_error', (err: Error & { data?: { code?: string } }) => {
      if (s.active) {
        // socket.io keeps retrying by itself (network trouble, server restarting); say so.
        connection.value = 'reconnecting';
        return;
      }
      // The server refused the handshake. A stale token is the likely cause once; after that, back off.
      const hint = `${err.message} ${err.data?.code ?? ''}`;
      if (session && !triedWithoutToken && TOKEN_ERROR.test(hint)) {
        triedWithoutToken = true;
        forgetConversation();
        s.connect();
        return;
      }
      connection.value = 'unavailable';
      scheduleRetry();
    });

    s.on('session', (p: SessionPayload) => {
      if (!p || typeof p.token !== 'string' || typeof p.conversationId !== 'string') return;
      status = typeof p.status === 'string' ? p.status : null;
      session = { conversationId: p.conversationId, token: p.token };
      if (identity?.id) session.visitorId = identity.id;
      sessions.save(session);
      conversationId.value = p.conversationId;
    });
    s.on('language', (p) => setText(p?.text));
    s.on('message', (m: ChatMessage) => receive([m], true));
    s.on('message:delta', (p) => {
      if (typeof p?.replyTo !== 'string' || typeof p.delta !== 'string') return;
      batch(() => {
        typing.value = null; // the text itself now shows progress
        messages.value = appendDelta(messages.peek(), p.replyTo, p.delta, now().toISOString());
      });
    });
    s.on('message:discard', (p) => {
      if (typeof p?.replyTo !== 'string') return;
      messages.value = dropDraft(messages.peek(), p.replyTo);
    });
    s.on('handoff', (h: HandoffNotice) => {
      if (!queue.peek()) onEvent('handoff', { conversationId: h.conversationId, reason: h.reason, queuePosition: h.queuePosition, etaSeconds: h.etaSeconds });
      batch(() => {
        queue.value = {
          position: Number(h.queuePosition) || 1,
          etaSeconds: Number(h.etaSeconds) || 0,
          ...(typeof h.agentsOnline === 'number' ? { agentsOnline: h.agentsOnline } : {}),
          ...(typeof h.backAt === 'string' ? { backAt: h.backAt } : {}),
        };
        agentName.value = null;
        // Outside office hours too: offer to continue by email.
        nobodyOnline.value = h.agentsOnline === 0 || typeof h.backAt === 'string';
        csat.value = 'hidden';
      });
    });
    s.on('agent:joined', (p) => {
      const name = typeof p?.name === 'string' && p.name.trim() ? p.name.trim() : t('anAgent');
      batch(() => {
        queue.value = null;
        agentName.value = name;
        nobodyOnline.value = false;
        // No local "joined" line: the server stores and sends "<name> joined the conversation." itself.
      });
    });
    s.on('conversation:resolved', (p) => {
      batch(() => {
        queue.value = null;
        typing.value = null;
        agentName.value = null;
        nobodyOnline.value = false;
        if (p?.csat === true) csat.value = 'asking';
        notice(t('resolved'));
      });
    });
    s.on('typing', (p) => {
      clearTimeout(typingTimer);
      if (p?.typing && (p.role === 'ai' || p.role === 'agent')) {
        typing.value = p.role;
        // A lost "stopped typing" event must not leave the dots forever.
        typingTimer = setTimeout(() => (typing.value = null), TYPING_TIMEOUT_MS);
      } else {
        typing.value = null;
      }
    });
  }

  function receive(incoming: ChatMessage[], live: boolean): void {
    const valid = incoming.filter((m) => m && typeof m.id === 'string' && typeof m.text === 'string');
    if (valid.length === 0) return;
    batch(() => {
      const before = messages.peek();
      const known = new Set(before.map((v) => v.id).filter(Boolean));
      messages.value = mergeServerMessages(before, valid);
      for (const m of valid) {
        if (!announced.has(m.id)) {
          announced.add(m.id);
          if (live || historyLoaded) onEvent('message', { id: m.id, conversationId: m.conversationId, role: m.role, text: m.text, createdAt: m.createdAt });
        }
        if (m.clientMessageId) outbox.remove(m.clientMessageId); // stored server-side: stop re-sending
        if (m.role === 'ai' || m.role === 'agent') {
          if (typing.peek() === m.role) typing.value = null;
          // From history, an agent only counts as "with you" if the conversation is still assigned.
          if (m.role === 'agent' && m.authorName && (live || status === 'assigned')) agentName.value = m.authorName;
          if (live && !isOpen.peek() && !known.has(m.id)) unread.value = unread.peek() + 1;
        }
      }
    });
  }

  /** Fetches everything after the last message we have; run after every (re)connect. */
  function resync(): Promise<void> {
    return new Promise((resolve) => {
      const s = socket;
      if (!s?.connected) return resolve();
      const afterId = lastServerMessageId(messages.peek());
      s.timeout(ackTimeoutMs).emit('sync', afterId ? { afterId } : {}, (err, ack) => {
        if (!err && ack?.ok && Array.isArray(ack.messages)) {
          receive(ack.messages, false);
          historyLoaded = true;
        }
        resolve();
      });
    });
  }

  function scheduleRetry(): void {
    clearTimeout(retryTimer);
    retryTimer = setTimeout(() => socket?.connect(), refusedRetryMs);
  }

  /** Sends unacked messages one at a time, in order, while connected. */
  async function flushOutbox(): Promise<void> {
    if (flushing) {
      flushAgain = true; // e.g. a reconnect while the previous attempt was still waiting for its ack
      return;
    }
    clearTimeout(flushTimer);
    const wait = limitedUntil - Date.now();
    if (wait > 0) {
      flushTimer = setTimeout(() => void flushOutbox(), wait);
      return;
    }
    flushing = true;
    try {
      do {
        flushAgain = false;
        while (socket?.connected && !disposed) {
          const item = outbox.list()[0];
          if (!item) break;
          const result = await deliver(item);
          if (result === 'limited') {
            flushTimer = setTimeout(() => void flushOutbox(), limitedUntil - Date.now());
            return;
          }
          if (result === 'timeout') {
            // Still connected but no ack: try again shortly (the server dedupes); if the link
            // dropped instead, the next 'connect' flushes.
            if (socket?.connected) flushTimer = setTimeout(() => void flushOutbox(), ackTimeoutMs / 3);
            break;
          }
        }
      } while (flushAgain && socket?.connected && !disposed);
    } finally {
      flushing = false;
    }
  }

  function deliver(item: OutboxItem): Promise<'ok' | 'rejected' | 'timeout' | 'limited'> {
    return new Promise((resolve) => {
      const s = socket;
      if (!s?.connected) return resolve('timeout');
      const payload = { clientMessageId: item.clientMessageId, text: item.text, page: item.page ?? currentPage(), attachments: item.attachments?.map((a) => a.id), ...(item.human ? { human: true as const } : {}) };
      s.timeout(ackTimeoutMs).emit('message', payload, (err, ack) => {
        if (err || !ack) return resolve('timeout');
        const id = item.clientMessageId;
        const tries = limited.get(id) ?? 0;
        const after = ack.ok ? undefined : ack.error?.code === 'rate_limited' ? ack.error.retryAfterMs : undefined;
        // Still pending and in the outbox: sent again, with the same id, once the limit allows (a wait over a minute is shown instead).
        if (after !== undefined && after <= 60_000 && tries < 3) {
          limited.set(id, tries + 1);
          limitedUntil = Date.now() + after;
          return resolve('limited');
        }
        limited.delete(id);
        batch(() => {
          outbox.remove(item.clientMessageId);
          messages.value = ack.ok
            ? markSent(messages.peek(), item.clientMessageId, ack.id)
            : markFailed(messages.peek(), item.clientMessageId, ack.error?.message || t('notSent'));
        });
        resolve(ack.ok ? 'ok' : 'rejected');
      });
    });
  }

  function send(text: string, attachments?: AttachmentRef[], human?: true): boolean {
    const clean = typeof text === 'string' ? text.trim() : '';
    if ((!clean && !attachments?.length) || clean.length > LIMITS.messageText) return false;
    const item: OutboxItem = { clientMessageId: newId(), text: clean, createdAt: now().toISOString(), page: currentPage(), ...(human ? { human } : {}) };
    if (attachments?.length) item.attachments = attachments;
    outbox.add(item);
    messages.value = addPending(messages.peek(), item);
    ensureConnected();
    void flushOutbox();
    return true;
  }

  /** `/api/visitor/attachments<path>` with the session token (waits for the first `session`). */
  async function visitorApi(path: string, init?: RequestInit): Promise<Response> {
    ensureConnected();
    for (let i = 0; !session && i < 50; i++) await new Promise((r) => setTimeout(r, 200));
    if (!session) throw Error('Not connected');
    const res = await fetch(`${serverUrl}/api/visitor/attachments${path}`, { ...init, headers: { authorization: `Bearer ${session.token}` } });
    if (!res.ok) throw Error(((await res.json().catch(() => null)) as { error?: { message?: string } } | null)?.error?.message || res.statusText);
    return res;
  }

  function notice(text: string): void {
    messages.value = addNotice(messages.peek(), text, `notice-${++noticeSeq}`, now().toISOString());
  }

  /** Drops the stored conversation (new visitor on this browser, or a token the server no longer accepts). */
  function forgetConversation(): void {
    session = null;
    sessions.clear();
    batch(() => {
      conversationId.value = null;
      queue.value = null;
      typing.value = null;
      agentName.value = null;
    });
  }

  /** Re-handshakes so the server sees new identity data; coalesced when several calls come at once. */
  function reconnectSoon(): void {
    if (!socket || reconnectQueued) return;
    reconnectQueued = true;
    queueMicrotask(() => {
      const s = socket;
      if (s && !disposed) {
        s.disconnect();
        reconnectQueued = false;
        s.connect();
      } else {
        reconnectQueued = false;
      }
    });
  }

  function pageChanged(): void {
    clearTimeout(pageTimer);
    pageTimer = setTimeout(reportPage, pageDebounceMs);
  }

  function reportPage(): void {
    clearTimeout(pageTimer);
    if (!socket?.connected) return; // the next handshake carries the page
    const page = currentPage();
    const key = JSON.stringify(page);
    if (key === lastPageKey) return;
    lastPageKey = key;
    socket.emit('page', page);
  }

  return {
    messages,
    connection,
    queue,
    typing,
    agentName,
    isOpen,
    unread,
    conversationId,
    feedback,
    nobodyOnline,
    knownEmail,
    contact,
    csat,
    sendContact(email) {
      const s = socket;
      const clean = typeof email === 'string' ? email.trim() : '';
      if (!s?.connected || !isEmail(clean) || contact.peek() === 'sending') return false;
      contact.value = 'sending';
      s.timeout(ackTimeoutMs).emit('contact', { email: clean }, (err, ack) => {
        contact.value = !err && ack?.ok ? 'saved' : 'failed';
      });
      return true;
    },
    sendCsat(score, comment) {
      const s = socket;
      const state = csat.peek();
      if (!s?.connected || !validScore(score) || (state !== 'asking' && state !== 'failed')) return;
      csat.value = 'sending';
      const text = typeof comment === 'string' ? comment.trim().slice(0, 2000) : '';
      s.timeout(ackTimeoutMs).emit('csat', text ? { score, comment: text } : { score }, (err, ack) => {
        csat.value = !err && ack?.ok ? 'done' : 'failed';
      });
    },
    start() {
      if (session || outbox.list().length > 0) ensureConnected();
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
    send,
    upload: async (f) => (await visitorApi(`?name=${encodeURIComponent(f.name)}`, { method: 'POST', body: f })).json() as Promise<AttachmentRef>,
    file: async (id) => (await visitorApi(`/${encodeURIComponent(id)}`)).blob(),
    sendFeedback(messageId, helpful) {
      const s = socket;
      const state = feedback.peek()[messageId];
      if (!s?.connected || state === 'sending' || state === 'yes' || state === 'no') return;
      const set = (next: FeedbackState) => (feedback.value = { ...feedback.peek(), [messageId]: next });
      set('sending');
      s.timeout(ackTimeoutMs).emit('feedback', { messageId, helpful }, (err, ack) => {
        if (err || !ack?.ok) return void set('failed');
        batch(() => {
          set(helpful ? 'yes' : 'no');
          // Yes: the server resolves the conversation and says so. No: the next message goes to a person.
          if (!helpful) notice("Sorry that didn't help. Tell us a bit more and a person from our team will take it from here.");
        });
      });
    },
    retry(clientMessageId) {
      const m = messages.peek().find((v) => v.clientMessageId === clientMessageId && v.delivery === 'failed');
      if (!m) return;
      outbox.add({ clientMessageId, text: m.text, createdAt: m.createdAt, page: currentPage(), attachments: m.attachments });
      messages.value = markPending(messages.peek(), clientMessageId);
      ensureConnected();
      void flushOutbox();
    },
    identify(next) {
      const before = JSON.stringify(identity ?? {});
      if (JSON.stringify(next) === before) return;
      if (session?.visitorId && next.id && next.id !== session.visitorId) {
        // Someone else logged in on this browser: never show them the previous person's chat.
        forgetConversation();
        outbox.clear();
        messages.value = [];
      }
      identity = next;
      knownEmail.value = typeof next.email === 'string' && isEmail(next.email) ? next.email.trim() : null;
      if (socket && (socket.connected || socket.active)) reconnectSoon();
    },
    setContext(value) {
      context = value;
      pageChanged();
    },
    pageChanged,
    reportPage,
    shutdown() {
      clearTimeout(retryTimer);
      clearTimeout(flushTimer);
      const s = socket;
      socket = null;
      if (s) {
        s.removeAllListeners();
        s.close();
      }
      forgetConversation();
      outbox.clear();
      identity = undefined;
      historyLoaded = false;
      announced.clear();
      batch(() => {
        messages.value = [];
        isOpen.value = false;
        unread.value = 0;
        feedback.value = {};
        nobodyOnline.value = false;
        contact.value = 'idle';
        csat.value = 'hidden';
        knownEmail.value = null;
        connection.value = 'idle';
      });
    },
    dispose() {
      disposed = true;
      clearTimeout(typingTimer);
      clearTimeout(pageTimer);
      clearTimeout(retryTimer);
      clearTimeout(flushTimer);
      const s = socket;
      socket = null;
      if (s) {
        s.removeAllListeners();
        s.close();
      }
      connection.value = 'idle';
    },
  };
}
