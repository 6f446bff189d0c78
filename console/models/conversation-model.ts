// One open conversation: its detail, a transcript merged from REST and socket, and the agent's actions.
import { computed, createModel, effect, signal, untracked, type ReadonlySignal } from '@preact/signals';
import { errorMessage, type ApiClient } from '../api/client.js';
import type { ConversationDetail, MessageSentiment, TranscriptMessage, User } from '../api/types.js';
import { clientId } from '../lib/ids.js';
import { confirmPending, failPending, mergeMessages, pendingMessage, retryPending } from '../lib/messages.js';
import { sentimentSeries } from '../lib/sparkline.js';
import { LIMITS } from '../../protocol/limits.js';
import type { QueueChanged } from '../../protocol/agent-socket.js';
import type { Realtime } from './realtime-model.js';

export interface ConversationOptions {
  api: ApiClient;
  realtime: Realtime;
  me: User;
  id: string;
  /** Lets the queue reflect a claim or resolve at once instead of waiting for the broadcast. */
  onChange?: (change: QueueChanged) => void;
}

export const ConversationModel = createModel(({ api, realtime, me, id, onChange }: ConversationOptions) => {
  const detail = signal<ConversationDetail | null>(null);
  const messages = signal<TranscriptMessage[]>([]);
  const loading = signal(true);
  const error = signal<string | null>(null);
  const actionError = signal<string | null>(null);
  const busy = signal<'claim' | 'resolve' | null>(null);
  const notice = signal<string | null>(null);
  /** Scores pushed after their message (by message id); they may even arrive before it. */
  const scores = signal<ReadonlyMap<string, MessageSentiment>>(new Map());

  const status = computed(() => detail.value?.status ?? null);
  const isMine = computed(() => detail.value?.status === 'assigned' && detail.value.assignee?.id === me.id);
  const canClaim = computed(() => detail.value?.status === 'queued');
  const canReply = computed(() => isMine.value);
  const canResolve = computed(() => {
    const s = detail.value?.status;
    return s === 'assigned' ? isMine.value || me.role === 'admin' : s === 'queued';
  });
  /** The visitor's smoothed sentiment, one point per scored message, live. */
  const sentiment = computed(() => sentimentSeries(messages.value, scores.value));

  async function load() {
    try {
      const d = await api.getConversation(id);
      detail.value = d;
      messages.value = mergeMessages(
        messages.value.filter((m) => m.pending),
        d.messages ?? [],
      );
      error.value = null;
    } catch (err) {
      error.value = errorMessage(err);
    } finally {
      loading.value = false;
    }
  }

  function setStatus(change: QueueChanged) {
    const d = detail.value;
    if (!d) return;
    const assignee =
      change.assigneeId === null
        ? null
        : change.assigneeId === me.id
          ? { id: me.id, name: me.name }
          : (d.assignee ?? null);
    detail.value = { ...d, status: change.status as ConversationDetail['status'], assignee };
  }

  async function deliver(clientMessageId: string, text: string) {
    const res = await realtime.send(id, clientMessageId, text);
    messages.value = res.ok
      ? confirmPending(messages.value, clientMessageId, res.value.id)
      : failPending(messages.value, clientMessageId, res.error);
  }

  effect(() =>
    realtime.on('message', (m) => {
      if (m.conversationId === id) messages.value = mergeMessages(messages.value, [m]);
    }),
  );
  effect(() =>
    realtime.on('message:sentiment', (s) => {
      if (s.conversationId === id) scores.value = new Map(scores.value).set(s.messageId, s.sentiment);
    }),
  );
  effect(() =>
    realtime.on('conversation:updated', (c) => {
      if (c.conversationId !== id) return;
      const before = detail.value;
      setStatus(c);
      if (c.status === 'resolved' && before?.status !== 'resolved') notice.value = 'This conversation was resolved.';
      // Someone else took it: fetch their name and anything we have not seen.
      if (c.assigneeId && c.assigneeId !== me.id) void load();
    }),
  );
  effect(() => {
    if (realtime.connects.value > 1) untracked(() => void load());
  });

  void load();

  return {
    detail: detail as ReadonlySignal<ConversationDetail | null>,
    messages: messages as ReadonlySignal<TranscriptMessage[]>,
    loading: loading as ReadonlySignal<boolean>,
    error: error as ReadonlySignal<string | null>,
    actionError: actionError as ReadonlySignal<string | null>,
    busy: busy as ReadonlySignal<'claim' | 'resolve' | null>,
    notice: notice as ReadonlySignal<string | null>,
    sentiment,
    status,
    isMine,
    canClaim,
    canReply,
    canResolve,
    reload: load,
    async claim() {
      if (!canClaim.value || busy.value) return;
      busy.value = 'claim';
      actionError.value = null;
      const res = await realtime.claim(id);
      busy.value = null;
      if (!res.ok) {
        actionError.value = res.error;
        return;
      }
      const change = { conversationId: id, status: 'assigned' as const, assigneeId: me.id };
      setStatus(change);
      onChange?.(change);
    },
    async resolve() {
      if (!canResolve.value || busy.value) return;
      busy.value = 'resolve';
      actionError.value = null;
      const res = await realtime.resolve(id);
      busy.value = null;
      if (!res.ok) {
        actionError.value = res.error;
        return;
      }
      const change = {
        conversationId: id,
        status: 'resolved' as const,
        assigneeId: detail.value?.assignee?.id ?? null,
      };
      setStatus(change);
      onChange?.(change);
      notice.value = 'Resolved. Nice work.';
    },
    /** Returns false when there is nothing to send, so the reply box keeps its text. */
    send(raw: string): boolean {
      const text = raw.trim();
      if (!text || !canReply.value) return false;
      if (text.length > LIMITS.messageText) {
        actionError.value = `A reply can be at most ${LIMITS.messageText} characters.`;
        return false;
      }
      actionError.value = null;
      const cmid = clientId();
      messages.value = [...messages.value, pendingMessage(id, cmid, text, me.name, new Date().toISOString())];
      void deliver(cmid, text);
      return true;
    },
    retry(clientMessageId: string) {
      const m = messages.value.find((x) => x.pending && x.clientMessageId === clientMessageId);
      if (!m) return;
      messages.value = retryPending(messages.value, clientMessageId);
      // Same clientMessageId, so the server stores it once even if the first try did arrive.
      void deliver(clientMessageId, m.text);
    },
    dismissNotice() {
      notice.value = null;
    },
  };
});

export type Conversation = InstanceType<typeof ConversationModel>;
