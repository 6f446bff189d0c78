import { describe, expect, it } from 'vitest';
import { DomainEvents } from '../../../protocol/events.js';
import { createEventBus } from '../../../server/events/event-bus.js';

describe('the domain event bus', () => {
  it('says when every listener has finished, including work a listener started by emitting again', async () => {
    const errors: unknown[] = [];
    const bus = createEventBus((_event, err) => errors.push(err));
    const done: string[] = [];
    bus.on(DomainEvents.agentRosterChanged, async ({ agentId }) => {
      await new Promise((r) => setTimeout(r, 30));
      done.push(`roster ${agentId}`);
      bus.emit(DomainEvents.agentPresenceChanged, { agentId });
    });
    bus.on(DomainEvents.agentPresenceChanged, async ({ agentId }) => {
      await new Promise((r) => setTimeout(r, 30));
      done.push(`presence ${agentId}`);
    });
    bus.on(DomainEvents.agentPresenceChanged, async () => {
      throw new Error('a failing listener is logged, not waited on forever');
    });
    bus.emit(DomainEvents.agentRosterChanged, { agentId: 'a1' });
    expect(done).toEqual([]);
    await bus.settled();
    expect(done).toEqual(['roster a1', 'presence a1']);
    expect(errors).toHaveLength(1);
    await bus.settled(); // nothing in flight: at once
  });
});
