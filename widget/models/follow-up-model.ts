// What the visitor gives back: "did this help?" on AI answers, an email to continue by when nobody
// is online, and the 1-5 rating after an agent resolved the conversation.
import { signal } from '@preact/signals';
import { isEmail, validScore, type ContactState, type CsatState } from '../follow-up.js';
import type { VisitorSocket } from './connection-model.js';

/** "Did this help?" on one AI answer: being sent, answered yes / no, or not delivered (the buttons come back). */
export type FeedbackState = 'sending' | 'yes' | 'no' | 'failed';

export interface FollowUpOptions {
  live: () => VisitorSocket | null;
  ackTimeoutMs: number;
}

export function createFollowUp({ live, ackTimeoutMs }: FollowUpOptions) {
  const feedback = signal<Readonly<Record<string, FeedbackState>>>({});
  const contact = signal<ContactState>('idle');
  const csat = signal<CsatState>('hidden');
  /** The email the host page passed through `identify`, to prefill "continue by email". */
  const knownEmail = signal<string | null>(null);

  return {
    feedback,
    contact,
    csat,
    knownEmail,
    bind(s: VisitorSocket): void {
      s.on('handoff', () => (csat.value = 'hidden'));
      s.on('conversation:resolved', (p) => {
        if (p?.csat === true) csat.value = 'asking';
      });
    },
    sendContact(email: string): boolean {
      const s = live();
      const clean = typeof email === 'string' ? email.trim() : '';
      if (!s || !isEmail(clean) || contact.peek() === 'sending') return false;
      contact.value = 'sending';
      s.timeout(ackTimeoutMs).emit('contact', { email: clean }, (err, ack) => {
        contact.value = !err && ack?.ok ? 'saved' : 'failed';
      });
      return true;
    },
    sendCsat(score: number, comment?: string): void {
      const s = live();
      const state = csat.peek();
      if (!s || !validScore(score) || (state !== 'asking' && state !== 'failed')) return;
      csat.value = 'sending';
      const text = typeof comment === 'string' ? comment.trim().slice(0, 2000) : '';
      s.timeout(ackTimeoutMs).emit('csat', text ? { score, comment: text } : { score }, (err, ack) => {
        csat.value = !err && ack?.ok ? 'done' : 'failed';
      });
    },
    sendFeedback(messageId: string, helpful: boolean): void {
      const s = live();
      const state = feedback.peek()[messageId];
      if (!s || state === 'sending' || state === 'yes' || state === 'no') return;
      const set = (next: FeedbackState) => (feedback.value = { ...feedback.peek(), [messageId]: next });
      set('sending');
      s.timeout(ackTimeoutMs).emit('feedback', { messageId, helpful }, (err, ack) => {
        if (err || !ack?.ok) return void set('failed');
        // Yes: the server resolves the conversation and says so. No: the next message goes to a
        // person, which the answer's own line says in the visitor's language (`fbNo`).
        set(helpful ? 'yes' : 'no');
      });
    },
    identified(email: unknown): void {
      knownEmail.value = typeof email === 'string' && isEmail(email) ? email.trim() : null;
    },
    /** Back to nothing given (inside the caller's batch). */
    reset(): void {
      feedback.value = {};
      contact.value = 'idle';
      csat.value = 'hidden';
      knownEmail.value = null;
    },
  };
}
