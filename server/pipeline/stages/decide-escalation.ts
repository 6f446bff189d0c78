import { decideEscalation, DEFAULT_THRESHOLDS, type PolicyThresholds } from '../escalation-policy.js';
import { resolveThresholds, type TierThresholds } from '../policy-thresholds.js';
import type { Stage } from '../stage.js';

/**
 * Stage 5: answer, clarify or hand off — the policy is a pure function; this stage only gathers its
 * input and resolves the thresholds for this intent and this customer's tier.
 */
export function createDecideEscalationStage(deps: { thresholds?: PolicyThresholds; tiers?: TierThresholds; now?: () => Date } = {}): Stage<'decision'> {
  const now = deps.now ?? (() => new Date());
  return {
    name: 'decide-escalation',
    run(turn) {
      if (!turn.intent || !turn.sentiment || !turn.loop || !turn.retrieval) {
        throw new Error('decide-escalation needs intent, sentiment, loop and retrieval stages before it');
      }
      const lastAi = [...turn.history].reverse().find((m) => m.role === 'ai');
      const thresholds = resolveThresholds({
        base: deps.thresholds ?? DEFAULT_THRESHOLDS,
        intent: turn.intent.definition?.thresholds,
        plan: turn.visitor.plan,
        tiers: deps.tiers,
      });
      const decision = decideEscalation(
        {
          status: turn.status,
          text: turn.text,
          intent: turn.intent,
          sentiment: turn.sentiment,
          loop: turn.loop,
          retrieval: { confident: turn.retrieval.confident, topScore: turn.retrieval.results[0]?.score ?? null },
          account: { plan: turn.visitor.plan, accountValue: turn.visitor.accountValue, renewalDate: turn.visitor.renewalDate },
          clarifiedLastTurn: lastAi?.meta.kind === 'clarify',
          now: now(),
        },
        thresholds,
      );
      return { decision };
    },
  };
}
