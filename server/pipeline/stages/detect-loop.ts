import { detectLoop } from '../../../understanding/loop-detection.js';
import type { Stage } from '../stage.js';
import type { Turn } from '../turn.js';

/** Stage 3: is the conversation going in circles? */
export function createDetectLoopStage(): Stage<'loop'> {
  return {
    name: 'detect-loop',
    run(turn) {
      const aiAnswers = turn.history.filter((m) => m.role === 'ai').length;
      // "Did this help? No" is the clearest loop signal there is: the visitor told us directly.
      if (saidNotHelpful(turn)) return { loop: { looping: true, reason: 'negative_feedback', repeats: 1, aiAnswers } };
      const turns = [
        ...turn.history.map((m) => ({ role: m.role, text: m.text })),
        { role: 'visitor', text: turn.text },
      ];
      const result = detectLoop(turns);
      return { loop: { ...result, aiAnswers } };
    },
  };
}

/** An AI answer since the last human or handoff was marked "did not help" (meta.feedback from the visitor socket). */
function saidNotHelpful(turn: Readonly<Turn>): boolean {
  let start = 0;
  turn.history.forEach((m, i) => {
    if (m.role === 'agent' || m.meta.event === 'handoff' || m.meta.event === 'resolved') start = i + 1;
  });
  return turn.history
    .slice(start)
    .some((m) => m.role === 'ai' && (m.meta.feedback as { helpful?: unknown } | undefined)?.helpful === false);
}
