import { analyzeSentiment } from '../../../understanding/sentiment.js';
import { nextTrajectory } from '../../../understanding/sentiment-trajectory.js';
import type { Stage } from '../stage.js';

export const SENTIMENT_STAGE = 'track-sentiment';

/** Stage 2: how does the visitor feel, and which way is it going? */
export function createTrackSentimentStage(): Stage<'sentiment'> {
  return {
    name: SENTIMENT_STAGE,
    run(turn) {
      const result = analyzeSentiment(turn.text);
      return { sentiment: { ...result, trajectory: nextTrajectory(turn.previousTrajectory, result.score) } };
    },
  };
}
