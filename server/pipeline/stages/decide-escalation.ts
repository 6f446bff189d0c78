import { decideEscalation, DEFAULT_THRESHOLDS, type PolicyThresholds } from '../escalation-policy.js';
import type { Stage } from '../stage.js';

/** Stage 5: answer, clarify or hand off — the policy is a pure function; this stage only gathers its input. */
export function createDecideEscalationStage(deps: { thresholds?: PolicyThresholds } = {}): Stage<'decision'> {
  return {
    name: 'decide-escalation',
    run(turn) {
      if (!turn.intent || !turn.sentiment || !turn.loop || !turn.retrieval) {
        throw new Error('decide-escalation needs intent, sentiment, loop and retrieval stages before it');
      }
      const lastAi = [...turn.history].reverse().find((m) => m.role === 'ai');
      const decision = decideEscalation(
        {
          status: turn.status,
          text: turn.text,
          intent: turn.intent,
          sentiment: turn.sentiment,
          loop: turn.loop,
          retrieval: { confident: turn.retrieval.confident, topScore: turn.retrieval.results[0]?.score ?? null },
          account: { plan: turn.visitor.plan, accountValue: turn.visitor.accountValue },
          clarifiedLastTurn: lastAi?.meta.kind === 'clarify',
        },
        deps.thresholds ?? DEFAULT_THRESHOLDS,
      );
      return { decision };
    },
  };
}
