import type { Citation, Handoff, PageInfo, VisitorIdentity } from '../../protocol/domain.js';
import { DomainEvents } from '../../protocol/events.js';
import type { Db, Queryable } from '../db/db.js';
import { AppError, conflict, forbidden, notFound } from '../errors.js';
import type { EventBus } from '../events/event-bus.js';
import { noWebhooks, type WebhookOutbox } from '../notifications/webhook-outbox.js';
import {
  createConversationRepository,
  type ConversationRepository,
  type StoredMessage,
} from './conversation-repository.js';
import { maskCardNumbers } from './mask-card-numbers.js';
import type { ConversationSummary } from './conversation-types.js';
import { systemClock, type Clock } from '../clock.js';
import { DEFAULT_SLA_POLICIES, slaDeadlines, type SlaPolicies } from '../sla/sla-policy.js';
import { officeHoursFor } from '../routing/team-office-hours.js';
import { trustedAccount } from '../visitors/trusted-account.js';
import { nextConversationLanguage } from '../../knowledge/detect-language.js';
import { say } from '../../protocol/messages/catalogue.js';
import type { Language } from '../../protocol/messages/languages.js';
import { linkToMessage, takeUnclaimed } from '../attachments/attachment-rows.js';

export interface Actor {
  id: string;
  name: string;
  role: 'agent' | 'admin';
}

export interface BotMessage {
  conversationId: string;
  role: 'ai' | 'system';
  text: string;
  citations?: Citation[];
  meta?: Record<string, unknown>;
}

/** Changes made inside `atomically`: they commit together, and their events follow the commit. */
export interface ConversationWork {
  tx: Queryable;
  repo: ConversationRepository;
  postBotMessage(args: BotMessage): Promise<StoredMessage>;
  handOff(conversationId: string, handoff: Handoff): Promise<ConversationSummary | null>;
  /** Runs after the commit, in order with the changes' own domain events. */
  afterCommit(fn: () => void): void;
}

/** Domain events of a transaction, emitted once it has committed. */
type AfterCommit = Array<() => void>;

/** PostgreSQL's SQLSTATE for a row that references a missing one. */
const FOREIGN_KEY_VIOLATION = '23503';

/**
 * The conversation state machine: bot -> queued -> assigned -> resolved (-> bot on reopen).
 * It changes state, stores messages and emits domain events; everything else listens. A change,
 * its timeline event and its outbound webhook commit together; listeners run after the commit.
 */
export function createConversationService(deps: {
  db: Db;
  bus: EventBus;
  clock?: Clock;
  sla?: SlaPolicies;
  webhooks?: WebhookOutbox;
}) {
  const repo = createConversationRepository(deps.db);
  const { bus } = deps;
  const clock = deps.clock ?? systemClock;
  const sla = deps.sla ?? DEFAULT_SLA_POLICIES;
  const webhooks = deps.webhooks ?? noWebhooks;

  async function mustGet(id: string): Promise<ConversationSummary> {
    const c = await repo.get(id);
    if (!c) throw notFound('Conversation');
    return c;
  }

  /**
   * Runs fn in one transaction and emits the domain events it queued once that has committed.
   * `oneStatement`: fn writes with a single statement, atomic on its own, so it runs without
   * BEGIN and COMMIT (two of a visitor message's round trips to the database).
   */
  async function committed<T>(
    fn: (tx: Queryable, after: AfterCommit) => Promise<T>,
    opts: { oneStatement?: boolean } = {},
  ): Promise<T> {
    const after: AfterCommit = [];
    const out = opts.oneStatement ? await fn(deps.db, after) : await deps.db.transaction((tx) => fn(tx, after));
    for (const f of after) f();
    return out;
  }

  async function storeIn(
    tx: Queryable,
    after: AfterCommit,
    conversation: ConversationSummary,
    m: Parameters<typeof repo.insertMessage>[0],
  ) {
    // What people type may hold a card number; it is masked before anything stores or sees it.
    if (m.role === 'visitor' || m.role === 'agent') m = { ...m, text: maskCardNumbers(m.text) };
    // The AI owes a visitor message a run until the run's outcome commits (see pipeline/turn-recovery.ts);
    // the insert stores that pending turn with the message.
    const owed = m.role === 'visitor' && (conversation.status === 'bot' || conversation.status === 'queued');
    const r = await createConversationRepository(tx).insertMessage(m, owed ? { owedTurnAt: clock() } : {});
    if (r.created) await announce(tx, after, r.message, conversation);
    return r;
  }

  /** A stored message's webhook (in its transaction) and domain event (once that has committed). */
  async function announce(
    tx: Queryable,
    after: AfterCommit,
    message: StoredMessage,
    conversation: ConversationSummary,
  ) {
    await webhooks.record(tx, DomainEvents.messageCreated, { message, conversation });
    after.push(() => bus.emit(DomainEvents.messageCreated, { message, conversation }));
  }

  /** storeIn is one statement unless a webhook is written with the message or attachments are linked to it. */
  const storeAlone = (linksAttachments: boolean) => ({ oneStatement: !linksAttachments && !webhooks.writes() });

  const store = (conversation: ConversationSummary, m: Parameters<typeof repo.insertMessage>[0]) =>
    committed((tx, after) => storeIn(tx, after, conversation, m), storeAlone(false));

  /** Never masked and owing no turn, so not through storeIn: the insert brings the conversation back, no read first. */
  async function postBotMessageIn(tx: Queryable, after: AfterCommit, args: BotMessage): Promise<StoredMessage> {
    const m = { ...args, authorName: args.role === 'ai' ? 'Firstline AI' : undefined };
    const r = await createConversationRepository(tx)
      .insertMessage(m, { withConversation: true })
      .catch((err: unknown) => {
        // The message's conversation is gone (erased meanwhile): the same error as before the insert.
        throw (err as { code?: string }).code === FOREIGN_KEY_VIOLATION ? notFound('Conversation') : err;
      });
    if (!r.created) return r.message;
    // A new message's conversation exists (its foreign key): the insert always brings it back.
    await announce(tx, after, r.message, r.conversation!);
    return r.message;
  }

  async function handOffIn(
    tx: Queryable,
    after: AfterCommit,
    conversationId: string,
    handoff: Handoff,
  ): Promise<ConversationSummary | null> {
    const r = createConversationRepository(tx);
    const detail = await r.detail(conversationId);
    if (!detail || detail.status !== 'bot') return null; // already with the team
    const at = clock();
    // The SLA tier (enterprise halves the targets) only from a verified identity.
    const tier = trustedAccount(detail.visitor).plan ?? null;
    // Business-hours SLA: the clocks of a team with office hours run only while it is open.
    const team = await officeHoursFor(tx, { teamId: detail.teamId, skill: handoff.skill ?? null });
    const due = slaDeadlines(handoff.priority, tier, at, sla, team?.hours ?? null);
    const queued = await r.markHandedOff(conversationId, { handoff, skill: handoff.skill ?? null, tier, due, at });
    if (!queued) return null;
    await r.recordEvent({
      conversationId,
      type: queued.handoffCount > 1 ? 're_escalation' : 'handoff',
      actor: 'ai',
      from: 'bot',
      to: 'queued',
      data: {
        reason: handoff.reason,
        priority: handoff.priority,
        intent: handoff.intent,
        skill: queued.skill,
        slaBand: due.band,
        handoffCount: queued.handoffCount,
        secondsSinceStart: (at.getTime() - Date.parse(detail.createdAt)) / 1000,
      },
    });
    await webhooks.record(tx, DomainEvents.handoffRequested, { conversation: queued, handoff });
    after.push(() => bus.emit(DomainEvents.handoffRequested, { conversation: queued, handoff }));
    return queued;
  }

  /**
   * After any assignment (claim, router, transfer) has committed: tell the visitor and everyone
   * listening. The `conversation.assigned` webhook is the caller's, written in its transaction.
   */
  async function announceAssignment(c: ConversationSummary, agent: { id: string; name: string }): Promise<void> {
    // Customers see the agent's display name ("Maya"), not the account name ("Admin").
    const { rows } = await deps.db.query<{ shown: string }>(
      'UPDATE users SET last_assigned_at = $2 WHERE id = $1 RETURNING COALESCE(display_name, name) AS shown',
      [agent.id, clock()],
    );
    const shown = rows[0]?.shown ?? agent.name;
    bus.emit(DomainEvents.conversationAssigned, { conversation: c, agent: { id: agent.id, name: shown } });
    await store(c, {
      conversationId: c.id,
      role: 'system',
      text: say(c.language, 'agentJoined', { name: shown }),
      meta: { event: 'agent_joined', agentId: agent.id },
    });
  }

  /** The name customers see for an agent: the display name once chosen, else the account name. */
  async function shownName(agent: { id: string; name: string }): Promise<string> {
    const { rows } = await deps.db.query<{ shown: string }>(
      'SELECT COALESCE(display_name, name) AS shown FROM users WHERE id = $1',
      [agent.id],
    );
    return rows[0]?.shown ?? agent.name;
  }

  const service = {
    repo,
    clock,
    webhooks,

    /** Stores a visitor message once per clientMessageId; reopens a resolved conversation. */
    async receiveVisitorMessage(args: {
      conversationId: string;
      visitorId: string;
      identity?: VisitorIdentity;
      page?: PageInfo;
      clientMessageId: string;
      text: string;
      /** Ids of files uploaded to this conversation (POST /api/visitor/attachments) that this message carries. */
      attachments?: readonly string[];
      /** IDENTITY_SECRET proved the identity (see server/visitors/identity-verifier.ts). */
      verified?: boolean;
      /** The socket has identity fields not yet saved for this conversation. */
      identityChanged?: boolean;
      /** Runs before this message creates the conversation; throwing stops it (the new-conversation limit). */
      beforeCreate?: () => Promise<void>;
      /** `navigator.language` from the widget, when supported: the fallback for short messages. */
      browserLanguage?: Language | null;
      /** The visitor pressed "Talk to a person": the policy hands off with `explicit_request`. */
      asksForHuman?: boolean;
    }): Promise<{
      message: StoredMessage;
      created: boolean;
      conversation: ConversationSummary;
      languageChanged: boolean;
    }> {
      // Rows are created on the first message; later messages only refresh identity when it is new.
      let existing = await repo.get(args.conversationId);
      if (!existing) await args.beforeCreate?.();
      if (!existing || args.identityChanged) {
        const created = await repo.ensure({
          conversationId: args.conversationId,
          visitorId: args.visitorId,
          identity: args.identity,
          verified: args.verified,
          page: args.page,
          browserLanguage: args.browserLanguage,
        });
        // The row just written needs no second read; one that existed is read as it is now.
        existing = created ?? (await mustGet(args.conversationId));
      }
      let conversation = existing;
      if (conversation.visitorId !== args.visitorId)
        throw new AppError(403, 'forbidden', 'This conversation belongs to another visitor.');
      if (args.page) await repo.recordPage(args.conversationId, args.page);
      if (conversation.status === 'resolved') {
        const reopened = await repo.transition(conversation.id, ['resolved'], 'bot', { assigneeId: null });
        if (reopened) {
          await repo.recordEvent({
            conversationId: conversation.id,
            type: 'reopened',
            actor: 'visitor',
            from: 'resolved',
            to: 'bot',
          });
          conversation = reopened;
        }
      }
      // The language is known before the message is stored, so the pipeline and every notice use it.
      const language = nextConversationLanguage(args.text, {
        conversation: conversation.language,
        browser: args.browserLanguage ?? conversation.browserLanguage,
      });
      // The row was read just above: an unchanged language needs no write.
      const languageChanged = language !== conversation.language && (await repo.setLanguage(conversation.id, language));
      if (languageChanged) conversation = { ...conversation, language };
      const ids = args.attachments ?? [];
      const current = conversation;
      const res = await committed(
        async (tx, after) => {
          // A resend of a stored message changes nothing (its attachments are already its own).
          const resend =
            ids.length > 0 &&
            (
              await tx.query('SELECT 1 FROM messages WHERE conversation_id = $1 AND client_message_id = $2', [
                args.conversationId,
                args.clientMessageId,
              ])
            ).rows.length > 0;
          const refs = ids.length > 0 && !resend ? await takeUnclaimed(tx, args.conversationId, ids) : [];
          const r = await storeIn(tx, after, current, {
            conversationId: args.conversationId,
            role: 'visitor',
            text: args.text,
            clientMessageId: args.clientMessageId,
            ...(refs.length || args.asksForHuman
              ? {
                  meta: {
                    ...(refs.length ? { attachments: refs } : {}),
                    ...(args.asksForHuman ? { asksForHuman: true } : {}),
                  },
                }
              : {}),
          });
          if (r.created && refs.length) await linkToMessage(tx, r.message.id, ids);
          return r;
        },
        storeAlone(ids.length > 0),
      );
      return { ...res, conversation, languageChanged };
    },

    async setContactEmail(conversationId: string, email: string): Promise<void> {
      const c = await mustGet(conversationId);
      // Sending the same address again changes nothing and stores nothing.
      if (c.contactEmail === email) return;
      await deps.db.query('UPDATE conversations SET contact_email = $2, updated_at = now() WHERE id = $1', [
        c.id,
        email,
      ]);
      await repo.recordEvent({ conversationId, type: 'contact_email', actor: 'visitor', data: { email } });
      await store(c, {
        conversationId,
        role: 'system',
        text: say(c.language, 'contactSaved', { email }),
        meta: { event: 'contact_email' },
      });
    },

    postBotMessage: (args: BotMessage): Promise<StoredMessage> =>
      committed((tx, after) => postBotMessageIn(tx, after, args)),

    handOff: (conversationId: string, handoff: Handoff): Promise<ConversationSummary | null> =>
      committed((tx, after) => handOffIn(tx, after, conversationId, handoff)),

    /**
     * Several changes as one: bot messages, a handoff and the caller's own writes (through `tx`)
     * commit together or not at all; the domain events follow the commit, in order.
     */
    atomically: <T>(fn: (work: ConversationWork) => Promise<T>): Promise<T> =>
      committed((tx, after) =>
        fn({
          tx,
          repo: createConversationRepository(tx),
          postBotMessage: (args) => postBotMessageIn(tx, after, args),
          handOff: (conversationId, handoff) => handOffIn(tx, after, conversationId, handoff),
          afterCommit: (f) => after.push(f),
        }),
      ),

    async claim(conversationId: string, agent: Actor): Promise<ConversationSummary> {
      const c = await deps.db.transaction(async (tx) => {
        const r = createConversationRepository(tx);
        const assigned = await r.transition(conversationId, ['queued'], 'assigned', { assigneeId: agent.id });
        if (!assigned) return null;
        await r.recordEvent({
          conversationId,
          type: 'assigned',
          actor: agent.id,
          from: 'queued',
          to: 'assigned',
          data: { agent: agent.name, via: 'claim' },
        });
        await webhooks.record(tx, DomainEvents.conversationAssigned, {
          conversation: assigned,
          agent: { id: agent.id, name: agent.name },
        });
        return assigned;
      });
      if (!c) {
        const current = await mustGet(conversationId);
        if (current.assigneeId === agent.id && current.status === 'assigned') return current;
        throw conflict(
          current.status === 'assigned'
            ? 'Another agent already claimed this conversation.'
            : `This conversation is ${current.status}, not waiting in the queue.`,
          'not_claimable',
        );
      }
      await announceAssignment(c, agent);
      return c;
    },

    announceAssignment,

    async agentReply(args: {
      conversationId: string;
      agent: Actor;
      clientMessageId: string;
      text: string;
    }): Promise<StoredMessage> {
      const c = await mustGet(args.conversationId);
      if (c.status !== 'assigned' || c.assigneeId !== args.agent.id) {
        throw conflict('Claim this conversation before replying: it is not assigned to you.', 'not_assigned');
      }
      const res = await store(c, {
        conversationId: c.id,
        role: 'agent',
        text: args.text,
        clientMessageId: args.clientMessageId,
        authorId: args.agent.id,
        authorName: await shownName(args.agent),
      });
      if (res.created && c.firstHumanResponseAt === null) {
        await repo.markFirstHumanResponse(c.id);
        const waited = c.handedOffAt ? (Date.parse(res.message.createdAt) - Date.parse(c.handedOffAt)) / 1000 : null;
        await repo.recordEvent({
          conversationId: c.id,
          type: 'first_response',
          actor: args.agent.id,
          data: { seconds: waited },
        });
      }
      return res.message;
    },

    /** An agent resolving by hand: only the assignee, a manager or an admin may. */
    async resolveAsAgent(
      conversationId: string,
      agent: Actor,
      opts: { manager: boolean },
    ): Promise<ConversationSummary> {
      const c = await mustGet(conversationId);
      if (agent.role !== 'admin' && !opts.manager && c.assigneeId !== agent.id) {
        throw forbidden(
          'Only the assigned agent, a manager or an admin can resolve this conversation; claim it first.',
        );
      }
      return service.resolve(conversationId, agent);
    },

    async resolve(
      conversationId: string,
      actor: { id: string; name: string },
      opts: { aiResolved?: boolean } = {},
    ): Promise<ConversationSummary> {
      const before = await mustGet(conversationId);
      if (before.status === 'resolved') return before;
      const c = await deps.db.transaction(async (tx) => {
        const r = createConversationRepository(tx);
        const resolved = await r.transition(
          conversationId,
          ['bot', 'queued', 'assigned'],
          'resolved',
          opts.aiResolved ? { aiResolved: true } : {},
        );
        if (!resolved) return null;
        await r.recordEvent({
          conversationId,
          type: 'resolved',
          actor: actor.id,
          from: before.status,
          to: 'resolved',
          data: { aiResolved: !!opts.aiResolved },
        });
        await webhooks.record(tx, DomainEvents.conversationResolved, { conversation: resolved, by: actor.id });
        return resolved;
      });
      if (!c) return mustGet(conversationId);
      await store(c, {
        conversationId,
        role: 'system',
        text: opts.aiResolved
          ? 'Glad that helped! This conversation is resolved.'
          : `${actor.name} marked this conversation as resolved.`,
        meta: { event: 'resolved' },
      });
      bus.emit(DomainEvents.conversationResolved, { conversation: c, by: actor.id });
      return c;
    },
  };
  return service;
}
export type ConversationService = ReturnType<typeof createConversationService>;
