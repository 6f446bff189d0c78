// Conversations routing has offered to this agent: highlighted in the queue until claimed or expired.
import { createModel, effect, signal, type ReadonlySignal } from '@preact/signals';
import type { ConversationSummary } from '../api/types.js';
import type { Realtime } from './realtime-model.js';

export interface Offer {
  conversationId: string;
  expiresAt: string;
  reason: string;
  priority: number;
}

export const OffersModel = createModel(({ realtime, meId }: { realtime: Realtime; meId: string }) => {
  const offers = signal<Readonly<Record<string, Offer>>>({});

  function drop(id: string) {
    if (!offers.peek()[id]) return;
    const { [id]: _gone, ...rest } = offers.peek();
    offers.value = rest;
  }

  effect(() =>
    realtime.on('offer', (o) => {
      if (typeof o?.conversationId !== 'string') return;
      offers.value = { ...offers.peek(), [o.conversationId]: o };
    }),
  );
  // Claimed (by anyone), resolved or moved on: the offer is over.
  effect(() =>
    realtime.on('conversation:updated', (c) => {
      if (c.status !== 'queued' || c.assigneeId) drop(c.conversationId);
    }),
  );

  return {
    offers: offers as ReadonlySignal<Readonly<Record<string, Offer>>>,
    drop,
    /** The live offer for a row, from the socket or from the row itself (after a reload). */
    offerFor(c: ConversationSummary, now: number): Offer | null {
      if (c.status !== 'queued') return null;
      const live = offers.value[c.id];
      const expiresAt = live?.expiresAt ?? (c.offeredTo === meId ? c.offerExpiresAt : null);
      if (!expiresAt || Date.parse(expiresAt) <= now) return null;
      return live ?? { conversationId: c.id, expiresAt, reason: c.handoff?.reason ?? '', priority: c.priority };
    },
  };
});

export type Offers = InstanceType<typeof OffersModel>;
