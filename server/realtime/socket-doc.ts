import { z } from 'zod';
import {
  AgentAuth,
  AgentHandoffNotice,
  AgentMessageIn,
  AgentNotification,
  ConversationRef,
  MessageSentimentNotice,
  PresenceIn,
  QueueChanged,
  RoutingOffer,
} from '../../protocol/agent-socket.js';
import { ChatMessage, ErrorBody } from '../../protocol/domain.js';
import {
  AgentJoined,
  ContactIn,
  ConversationResolved,
  CsatIn,
  FeedbackIn,
  HandoffNotice,
  MessageDelta,
  MessageDiscard,
  SessionPayload,
  SyncIn,
  TypingNotice,
  VisitorAuth,
  VisitorMessageIn,
  VisitorPageIn,
} from '../../protocol/visitor-socket.js';
import { inSchema, outSchema, type JsonSchema } from '../http/json-schema.js';

const ackOf = (extra: z.ZodRawShape = {}) =>
  z.union([
    z.object({ ok: z.literal(true), ...extra }),
    z.object({ ok: z.literal(false), error: ErrorBody.shape.error }),
  ]);
/** Server-sent payloads: what clients receive. */
const event = (description: string, payload: z.ZodType) => ({ description, payload: outSchema(payload) });
/** Client-sent payloads are validated by the server: describe what it accepts. */
const clientEvent = (description: string, payload: z.ZodType, ack?: z.ZodType) => ({
  description,
  payload: inSchema(payload),
  ...(ack ? { ack: outSchema(ack) } : {}),
});

/** The socket.io namespaces as the OpenAPI document's `x-socketio` extension describes them. */
export function socketDescription(): JsonSchema {
  return {
    path: '/socket.io',
    description:
      'socket.io v4. Every acknowledged client event answers `{ok:true, ...}` or `{ok:false, error:{code,message}}`.',
    namespaces: {
      '/visitor': {
        description: 'The widget. A token from `session` resumes the same conversation later.',
        handshake: { auth: inSchema(VisitorAuth) },
        clientToServer: {
          message: clientEvent(
            'A visitor message; the same clientMessageId twice stores one message.',
            VisitorMessageIn,
            ackOf({ id: z.string() }),
          ),
          page: clientEvent(
            'The visitor moved to another page. The ack is optional (the widget sends none); ' +
              'with one, a refused page answers why.',
            VisitorPageIn,
            ackOf(),
          ),
          sync: clientEvent('Replay messages after `afterId`.', SyncIn, ackOf({ messages: z.array(ChatMessage) })),
          feedback: clientEvent(
            '"Did this help?" on an AI answer; `resolved` when it closed the conversation.',
            FeedbackIn,
            ackOf({ resolved: z.boolean() }),
          ),
          csat: clientEvent('Rating after an agent resolved the conversation.', CsatIn, ackOf()),
          contact: clientEvent('Continue by email when nobody is online.', ContactIn, ackOf()),
        },
        serverToClient: {
          session: event('Sent on connect.', SessionPayload),
          message: event('A stored message in this conversation.', ChatMessage),
          'message:delta': event(
            'Part of an AI answer being written; the full `message` with the same `replyTo` replaces it.',
            MessageDelta,
          ),
          'message:discard': event(
            'The text streamed for `replyTo` is withdrawn: ' +
              'it did not become the answer (a handoff follows). Remove the draft.',
            MessageDiscard,
          ),
          handoff: event('Handed to a person; sent again when the queue position changes.', HandoffNotice),
          'agent:joined': event('An agent took the conversation.', AgentJoined),
          'conversation:resolved': event('Closed; `csat` asks for a rating.', ConversationResolved),
          typing: event('Typing indicator.', TypingNotice),
        },
      },
      '/agent': {
        description:
          'The console. Only signed-in agents and admins connect; ' +
          'the stored user is checked at the handshake and before every event, ' +
          'and the sockets of a user who is disabled, changes role or is signed out everywhere are closed.',
        handshake: { auth: inSchema(AgentAuth) },
        clientToServer: {
          claim: clientEvent('Take a waiting conversation.', ConversationRef, ackOf()),
          message: clientEvent('Reply to the visitor.', AgentMessageIn, ackOf({ id: z.string() })),
          resolve: clientEvent(
            'Close the conversation (the assignee, a manager or an admin; others get `forbidden`).',
            ConversationRef,
            ackOf(),
          ),
          presence: clientEvent('Set presence.', PresenceIn, ackOf()),
        },
        serverToClient: {
          handoff: event('A conversation needs a person.', AgentHandoffNotice),
          offer: event('Routing offers this agent a conversation; claim it before `expiresAt`.', RoutingOffer),
          notification: event('A console notification.', AgentNotification),
          message: event('A message in a conversation agents handle (same shape as on the visitor side).', ChatMessage),
          'conversation:updated': event('Queue change.', QueueChanged),
          'message:sentiment': event(
            'A visitor message agents were sent has been scored (also while an agent has the chat).',
            MessageSentimentNotice,
          ),
        },
      },
    },
  };
}
