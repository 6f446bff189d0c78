import { DomainEvents } from '../../protocol/events.js';
import type { UserRepository } from '../auth/user-repository.js';
import type { Db } from '../db/db.js';
import { badRequest, conflict, forbidden, notFound } from '../errors.js';
import type { EventBus } from '../events/event-bus.js';
import { createConversationRepository, toSummary, type ConversationRow } from './conversation-repository.js';
import type { Actor, ConversationService } from './conversation-service.js';
import { say } from '../../protocol/messages/catalogue.js';
import type { ConversationNotes } from './conversation-notes.js';

const LEVEL_RANK = { agent: 0, senior: 1, manager: 2 } as const;

export type TransferKind = 'functional' | 'hierarchical';

/** Up the ladder (a senior or manager) is hierarchical; sideways to another skill or team is functional. */
export function transferKind(
  fromLevel: keyof typeof LEVEL_RANK,
  toLevel: keyof typeof LEVEL_RANK | null,
): TransferKind {
  return toLevel !== null && LEVEL_RANK[toLevel] > LEVEL_RANK[fromLevel] ? 'hierarchical' : 'functional';
}

/**
 * Hands an assigned conversation to another agent, or back to a team's queue, with a note. The
 * move, its timeline event and its webhooks commit together.
 */
export function createConversationTransfers(deps: {
  db: Db;
  bus: EventBus;
  users: UserRepository;
  conversations: ConversationService;
  notes: ConversationNotes;
}) {
  const { db, bus, users, conversations, notes } = deps;
  return {
    async transfer(args: { conversationId: string; from: Actor; toAgentId?: string; toTeamId?: string; note: string }) {
      if (!args.toAgentId === !args.toTeamId)
        throw badRequest('Transfer to exactly one of: an agent (toAgentId) or a team (toTeamId).');
      const c = await conversations.repo.get(args.conversationId);
      if (!c) throw notFound('Conversation');
      if (c.status !== 'assigned')
        throw conflict('Only a conversation someone is handling can be transferred; claim it first.', 'not_assigned');
      if (c.assigneeId !== args.from.id && args.from.role !== 'admin')
        throw forbidden('Only the assigned agent or an admin can transfer this conversation.');
      const fromUser = await users.get(c.assigneeId ?? args.from.id);
      const now = conversations.clock();

      if (args.toAgentId) {
        if (args.toAgentId === c.assigneeId) throw badRequest('The conversation is already with that agent.');
        const target = await users.get(args.toAgentId);
        if (!target) throw notFound('Agent');
        const kind = transferKind(fromUser?.level ?? 'agent', target.level);
        const transferred = { fromAgentId: c.assigneeId!, to: { agentId: target.id }, kind, note: args.note };
        const after = await db.transaction(async (tx) => {
          const { rows } = await tx.query<ConversationRow>(
            `UPDATE conversations SET assignee_id = $2, assigned_at = $3, updated_at = $3,
               previous_assignee_id = assignee_id
             WHERE id = $1 AND status = 'assigned' RETURNING *`,
            [c.id, target.id, now],
          );
          if (!rows[0])
            throw conflict('The conversation changed while transferring; reload and try again.', 'conflict');
          const moved = toSummary(rows[0]);
          await createConversationRepository(tx).recordEvent({
            conversationId: c.id,
            type: 'transfer',
            actor: args.from.id,
            from: 'assigned',
            to: 'assigned',
            data: { kind, fromAgentId: c.assigneeId, toAgentId: target.id, toAgent: target.name, note: args.note },
          });
          await conversations.webhooks.record(tx, DomainEvents.conversationAssigned, {
            conversation: moved,
            agent: { id: target.id, name: target.name },
          });
          await conversations.webhooks.record(tx, DomainEvents.conversationTransferred, {
            conversation: moved,
            ...transferred,
          });
          return moved;
        });
        if (args.note)
          await notes.add({
            conversationId: c.id,
            author: args.from,
            text: `Transfer to ${target.name}: ${args.note}`,
          });
        await conversations.announceAssignment(after, { id: target.id, name: target.name });
        bus.emit(DomainEvents.conversationTransferred, { conversation: after, ...transferred });
        return { conversation: after, kind };
      }

      const { rows: teams } = await db.query<{ id: string; name: string; skills: string[] }>(
        'SELECT id, name, skills FROM teams WHERE id = $1',
        [args.toTeamId],
      );
      const team = teams[0];
      if (!team) throw notFound('Team');
      const transferred = {
        fromAgentId: c.assigneeId!,
        to: { teamId: team.id },
        kind: 'functional' as const,
        note: args.note,
      };
      const after = await db.transaction(async (tx) => {
        const { rows } = await tx.query<ConversationRow>(
          `UPDATE conversations SET status = 'queued', assignee_id = NULL, previous_assignee_id = NULL, team_id = $2,
               skill = COALESCE($3, skill),
             offered_to = NULL, offer_expires_at = NULL, declined_by = array_append(declined_by, assignee_id),
               updated_at = $4
           WHERE id = $1 AND status = 'assigned' RETURNING *`,
          [c.id, team.id, team.skills[0] ?? null, now],
        );
        if (!rows[0]) throw conflict('The conversation changed while transferring; reload and try again.', 'conflict');
        const moved = toSummary(rows[0]);
        await createConversationRepository(tx).recordEvent({
          conversationId: c.id,
          type: 'transfer',
          actor: args.from.id,
          from: 'assigned',
          to: 'queued',
          data: {
            kind: 'functional',
            fromAgentId: c.assigneeId,
            toTeamId: team.id,
            toTeam: team.name,
            note: args.note,
          },
        });
        await conversations.webhooks.record(tx, DomainEvents.conversationTransferred, {
          conversation: moved,
          ...transferred,
        });
        return moved;
      });
      if (args.note)
        await notes.add({
          conversationId: c.id,
          author: args.from,
          text: `Transfer to team ${team.name}: ${args.note}`,
        });
      await conversations.postBotMessage({
        conversationId: c.id,
        role: 'system',
        text: say(after.language, 'transfer', { team: team.name }),
        meta: { event: 'transfer' },
      });
      bus.emit(DomainEvents.conversationTransferred, { conversation: after, ...transferred });
      return { conversation: after, kind: 'functional' as const };
    },
  };
}
export type ConversationTransfers = ReturnType<typeof createConversationTransfers>;
