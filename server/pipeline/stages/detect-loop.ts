import { detectLoop } from '../../understanding/loop-detection.js';
import type { Stage } from '../stage.js';

/** Stage 3: is the conversation going in circles? */
export function createDetectLoopStage(): Stage<'loop'> {
  return {
    name: 'detect-loop',
    run(turn) {
      const turns = [...turn.history.map((m) => ({ role: m.role, text: m.text })), { role: 'visitor', text: turn.text }];
      const result = detectLoop(turns);
      return { loop: { ...result, aiAnswers: turn.history.filter((m) => m.role === 'ai').length } };
    },
  };
}
