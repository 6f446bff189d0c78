// The handoff tools around one conversation: internal notes, transfers and the handoff verdict.
import { computed, createModel, signal, type ReadonlySignal } from '@preact/signals';
import { errorMessage, type ApiClient } from '../api/client.js';
import type { Note, TransferResult, User, Verdict } from '../api/types.js';
import type { Conversation } from './conversation-model.js';

export interface ConversationToolsOptions {
  api: ApiClient;
  me: User;
  id: string;
  conversation: Conversation;
}

export const ConversationToolsModel = createModel(({ api, me, id, conversation }: ConversationToolsOptions) => {
  const added = signal<Note[]>([]);
  const noteBusy = signal(false);
  const noteError = signal<string | null>(null);
  const transferBusy = signal(false);
  const transferError = signal<string | null>(null);
  const transferResult = signal<TransferResult | null>(null);
  const chosen = signal<Verdict | null>(null);
  const verdictError = signal<string | null>(null);

  const notes = computed(() => {
    const server = conversation.detail.value?.notes ?? [];
    const ids = new Set(server.map((n) => String(n.id)));
    return [...server, ...added.value.filter((n) => !ids.has(String(n.id)))];
  });
  const verdict = computed<Verdict | null>(
    () => chosen.value ?? conversation.detail.value?.verdicts?.find((v) => v.agentId === me.id)?.verdict ?? null,
  );

  return {
    notes,
    noteBusy: noteBusy as ReadonlySignal<boolean>,
    noteError: noteError as ReadonlySignal<string | null>,
    transferBusy: transferBusy as ReadonlySignal<boolean>,
    transferError: transferError as ReadonlySignal<string | null>,
    transferResult: transferResult as ReadonlySignal<TransferResult | null>,
    verdict,
    verdictError: verdictError as ReadonlySignal<string | null>,
    /** Resolves true when saved, so the form can clear itself. */
    async addNote(text: string): Promise<boolean> {
      const clean = text.trim();
      if (!clean || noteBusy.peek()) return false;
      noteBusy.value = true;
      noteError.value = null;
      try {
        const note = await api.addNote(id, clean);
        added.value = [...added.peek(), { ...note, authorName: note.authorName || me.name }];
        return true;
      } catch (err) {
        noteError.value = errorMessage(err);
        return false;
      } finally {
        noteBusy.value = false;
      }
    },
    async transfer(to: { toAgentId: string } | { toTeamId: string }, note: string): Promise<TransferResult | null> {
      if (transferBusy.peek()) return null;
      transferBusy.value = true;
      transferError.value = null;
      try {
        const res = await api.transfer(id, to, note.trim());
        transferResult.value = res;
        void conversation.reload();
        return res;
      } catch (err) {
        transferError.value = errorMessage(err);
        return null;
      } finally {
        transferBusy.value = false;
      }
    },
    clearTransfer() {
      transferResult.value = null;
      transferError.value = null;
    },
    async setVerdict(next: Verdict) {
      const before = chosen.peek();
      chosen.value = next;
      verdictError.value = null;
      try {
        await api.setVerdict(id, next);
      } catch (err) {
        chosen.value = before;
        verdictError.value = errorMessage(err);
      }
    },
  };
});

export type ConversationTools = InstanceType<typeof ConversationToolsModel>;
