// Sends what the visitor typed: through the persisted outbox, one message at a time and in order
// while connected, again after a missing ack (the server dedupes by clientMessageId), and after the
// wait a rate limit asks for.
import { batch, type Signal } from '@preact/signals';
import type { AttachmentRef } from '../../protocol/attachments.js';
import type { PageInfo } from '../../protocol/domain.js';
import { LIMITS } from '../../protocol/limits.js';
import { newClientMessageId } from '../client-id.js';
import { addPending, markFailed, markPending, markSent, type ViewMessage } from '../message-list.js';
import type { Outbox, OutboxItem } from '../outbox.js';
import { t } from '../text.js';
import type { VisitorSocket } from './connection-model.js';

export interface OutboxSenderOptions {
  outbox: Outbox;
  messages: Signal<ViewMessage[]>;
  live: () => VisitorSocket | null;
  /** Opens the socket if there is none yet. */
  connect: () => void;
  page: () => PageInfo;
  ackTimeoutMs: number;
  newId?: () => string;
  now: () => Date;
}

export function createOutboxSender({
  outbox,
  messages,
  live,
  connect,
  page,
  ackTimeoutMs,
  newId = newClientMessageId,
  now,
}: OutboxSenderOptions) {
  let flushing = false;
  let flushAgain = false;
  let flushTimer: ReturnType<typeof setTimeout> | undefined;
  // A message the server's limits refused waits out its `retryAfterMs` (this many times at most) before it is failed.
  const limited = new Map<string, number>();
  let limitedUntil = 0;
  const later = (ms: number) => (flushTimer = setTimeout(() => void flush(), ms));

  /** Sends unacked messages one at a time, in order, while connected. */
  async function flush(): Promise<void> {
    if (flushing) {
      flushAgain = true; // e.g. a reconnect while the previous attempt was still waiting for its ack
      return;
    }
    clearTimeout(flushTimer);
    const wait = limitedUntil - Date.now();
    if (wait > 0) return void later(wait);
    flushing = true;
    try {
      do {
        flushAgain = false;
        while (live()) {
          const item = outbox.list()[0];
          if (!item) break;
          const result = await deliver(item);
          if (result === 'limited') return void later(limitedUntil - Date.now());
          if (result === 'timeout') {
            // Still connected but no ack: try again shortly (the server dedupes); if the link
            // dropped instead, the next 'connect' flushes.
            if (live()) later(ackTimeoutMs / 3);
            break;
          }
        }
      } while (flushAgain && live());
    } finally {
      flushing = false;
    }
  }

  function deliver(item: OutboxItem): Promise<'ok' | 'rejected' | 'timeout' | 'limited'> {
    return new Promise((resolve) => {
      const s = live();
      if (!s) return resolve('timeout');
      const id = item.clientMessageId;
      const payload = {
        clientMessageId: id,
        text: item.text,
        page: item.page ?? page(),
        attachments: item.attachments?.map((a) => a.id),
        ...(item.human ? { human: true as const } : {}),
      };
      s.timeout(ackTimeoutMs).emit('message', payload, (err, ack) => {
        if (err || !ack) return resolve('timeout');
        const tries = limited.get(id) ?? 0;
        const after = ack.ok ? undefined : ack.error?.code === 'rate_limited' ? ack.error.retryAfterMs : undefined;
        // Still pending and in the outbox: sent again, with the same id, once the limit allows (a wait over a minute is
        // shown instead).
        if (after !== undefined && after <= 60_000 && tries < 3) {
          limited.set(id, tries + 1);
          limitedUntil = Date.now() + after;
          return resolve('limited');
        }
        limited.delete(id);
        batch(() => {
          outbox.remove(id);
          messages.value = ack.ok
            ? markSent(messages.peek(), id, ack.id)
            : markFailed(messages.peek(), id, ack.error?.message || t('notSent'));
        });
        resolve(ack.ok ? 'ok' : 'rejected');
      });
    });
  }

  /** Puts a message in the outbox, shows it as pending and starts sending. */
  function queue(item: OutboxItem, show: (list: ViewMessage[]) => ViewMessage[]): void {
    outbox.add(item);
    messages.value = show(messages.peek());
    connect();
    void flush();
  }

  return {
    flush,
    send(text: string, attachments?: AttachmentRef[], human?: true): boolean {
      const clean = typeof text === 'string' ? text.trim() : '';
      if ((!clean && !attachments?.length) || clean.length > LIMITS.messageText) return false;
      const item: OutboxItem = {
        clientMessageId: newId(),
        text: clean,
        createdAt: now().toISOString(),
        page: page(),
        ...(human ? { human } : {}),
      };
      if (attachments?.length) item.attachments = attachments;
      queue(item, (list) => addPending(list, item));
      return true;
    },
    retry(clientMessageId: string): void {
      const m = messages.peek().find((v) => v.clientMessageId === clientMessageId && v.delivery === 'failed');
      if (m)
        queue(
          { clientMessageId, text: m.text, createdAt: m.createdAt, page: page(), attachments: m.attachments },
          (list) => markPending(list, clientMessageId),
        );
    },
    dispose: () => clearTimeout(flushTimer),
  };
}
