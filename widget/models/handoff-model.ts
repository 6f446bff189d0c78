// After a handoff: the queue position, the agent who joined, and whether anybody can answer now.
import { batch, signal, type Signal } from '@preact/signals';
import type { HandoffNotice } from '../../protocol/visitor-socket.js';
import type { QueueState } from '../queue-text.js';
import { t } from '../text.js';
import type { VisitorSocket } from './connection-model.js';

export interface HandoffOptions {
  onEvent: (name: 'handoff', payload: unknown) => void;
  typing: Signal<'ai' | 'agent' | null>;
  notice: (text: string) => void;
}

export function createHandoff({ onEvent, typing, notice }: HandoffOptions) {
  const queue = signal<QueueState | null>(null);
  const agentName = signal<string | null>(null);
  /** The last handoff said nobody can answer now: offer to continue by email. */
  const nobodyOnline = signal(false);

  return {
    queue,
    agentName,
    nobodyOnline,
    bind(s: VisitorSocket): void {
      s.on('handoff', (h: HandoffNotice) => {
        if (!queue.peek())
          onEvent('handoff', {
            conversationId: h.conversationId,
            reason: h.reason,
            queuePosition: h.queuePosition,
            etaSeconds: h.etaSeconds,
          });
        batch(() => {
          queue.value = {
            position: Number(h.queuePosition) || 1,
            etaSeconds: Number(h.etaSeconds) || 0,
            ...(typeof h.agentsOnline === 'number' ? { agentsOnline: h.agentsOnline } : {}),
            ...(typeof h.backAt === 'string' ? { backAt: h.backAt } : {}),
          };
          agentName.value = null;
          // Outside office hours too: offer to continue by email.
          nobodyOnline.value = h.agentsOnline === 0 || typeof h.backAt === 'string';
        });
      });
      s.on('agent:joined', (p) => {
        const name = typeof p?.name === 'string' && p.name.trim() ? p.name.trim() : t('anAgent');
        batch(() => {
          queue.value = null;
          agentName.value = name;
          nobodyOnline.value = false;
          // No local "joined" line: the server stores and sends "<name> joined the conversation." itself.
        });
      });
      s.on('conversation:resolved', () => {
        batch(() => {
          queue.value = null;
          typing.value = null;
          agentName.value = null;
          nobodyOnline.value = false;
          notice(t('resolved'));
        });
      });
    },
  };
}
