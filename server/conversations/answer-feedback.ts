import { AppError, notFound } from '../errors.js';
import type { ConversationService } from './conversation-service.js';

const VISITOR_ACTOR = { id: 'visitor', name: 'The visitor' };

/**
 * "Did this help?" on an AI answer. Yes closes the conversation as AI-resolved (only while the AI
 * has it: a visitor waiting for an agent stays in the queue). No is stored on the answer's meta,
 * where the detect-loop stage reads it, so the next decision hands off. Every answer is appended
 * to conversation_events.
 */
export function createAnswerFeedback(conversations: ConversationService) {
  return {
    async record(conversationId: string, messageId: string, helpful: boolean): Promise<{ resolved: boolean }> {
      const conversation = await conversations.repo.get(conversationId);
      if (!conversation) throw notFound('Conversation');
      const message = (await conversations.repo.messages(conversationId)).find((m) => m.id === messageId);
      if (!message) throw notFound('Message');
      if (message.role !== 'ai')
        throw new AppError(400, 'not_an_ai_answer', 'Feedback can only be given on an AI answer.');
      const at = conversations.clock().toISOString();
      await conversations.repo.setMessageMeta(messageId, { feedback: { helpful, at } });
      await conversations.repo.recordEvent({
        conversationId,
        type: 'answer_feedback',
        actor: 'visitor',
        data: { messageId, helpful },
      });
      if (!helpful || conversation.status !== 'bot') return { resolved: false };
      const after = await conversations.resolve(conversationId, VISITOR_ACTOR, { aiResolved: true });
      return { resolved: after.status === 'resolved' };
    },
  };
}
export type AnswerFeedback = ReturnType<typeof createAnswerFeedback>;
