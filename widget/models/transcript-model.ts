// The conversation as the visitor sees it: server messages merged by id (streamed drafts included),
// unsent ones from the outbox, notices, the typing dots, and each new message told to the host page once.
import { batch, signal } from '@preact/signals';
import type { ChatMessage } from '../../protocol/domain.js';
import {
  addNotice,
  addPending,
  appendDelta,
  dropDraft,
  lastServerMessageId,
  mergeServerMessages,
  type ViewMessage,
} from '../message-list.js';
import type { Outbox } from '../outbox.js';
import type { VisitorSocket } from './connection-model.js';

export interface TranscriptOptions {
  outbox: Outbox;
  live: () => VisitorSocket | null;
  ackTimeoutMs: number;
  now: () => Date;
  onEvent: (name: 'message', payload: unknown) => void;
  /** An AI or agent message was merged: `live` as it was sent (not from a sync), `fresh` not shown before. */
  onReply: (m: ChatMessage, live: boolean, fresh: boolean) => void;
}

const TYPING_TIMEOUT_MS = 15_000;

export function createTranscript({ outbox, live, ackTimeoutMs, now, onEvent, onReply }: TranscriptOptions) {
  const messages = signal<ViewMessage[]>([]);
  const typing = signal<'ai' | 'agent' | null>(null);
  /** The first sync after loading brings the history: not news for the host page's `message` listeners. */
  let historyLoaded = false;
  /** Ids the host page has heard about (or that were history), so each message is announced once. */
  const announced = new Set<string>();
  let noticeSeq = 0;
  let typingTimer: ReturnType<typeof setTimeout> | undefined;

  // Messages typed before a reload and never acked are shown (as pending) and re-sent on connect.
  for (const item of outbox.list()) messages.value = addPending(messages.value, item);

  function receive(incoming: ChatMessage[], isLive: boolean): void {
    const valid = incoming.filter((m) => m && typeof m.id === 'string' && typeof m.text === 'string');
    if (valid.length === 0) return;
    batch(() => {
      const before = messages.peek();
      const known = new Set(before.map((v) => v.id).filter(Boolean));
      messages.value = mergeServerMessages(before, valid);
      for (const m of valid) {
        if (!announced.has(m.id)) {
          announced.add(m.id);
          if (isLive || historyLoaded)
            onEvent('message', {
              id: m.id,
              conversationId: m.conversationId,
              role: m.role,
              text: m.text,
              createdAt: m.createdAt,
            });
        }
        if (m.clientMessageId) outbox.remove(m.clientMessageId); // stored server-side: stop re-sending
        if (m.role === 'ai' || m.role === 'agent') {
          if (typing.peek() === m.role) typing.value = null;
          onReply(m, isLive, !known.has(m.id));
        }
      }
    });
  }

  return {
    messages,
    typing,
    /** Fetches everything after the last message we have; run after every (re)connect. */
    resync: (): Promise<void> =>
      new Promise((resolve) => {
        const s = live();
        if (!s) return resolve();
        const afterId = lastServerMessageId(messages.peek());
        s.timeout(ackTimeoutMs).emit('sync', afterId ? { afterId } : {}, (err, ack) => {
          if (!err && ack?.ok && Array.isArray(ack.messages)) {
            receive(ack.messages, false);
            historyLoaded = true;
          }
          resolve();
        });
      }),
    notice(text: string): void {
      messages.value = addNotice(messages.peek(), text, `notice-${++noticeSeq}`, now().toISOString());
    },
    bind(s: VisitorSocket): void {
      s.on('disconnect', () => (typing.value = null));
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
    },
    /** A new visitor on this browser: nothing shown so far counts as heard. */
    forget(): void {
      historyLoaded = false;
      announced.clear();
      messages.value = [];
    },
    dispose: () => clearTimeout(typingTimer),
  };
}
