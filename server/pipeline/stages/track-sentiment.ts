import { analyzeSentiment } from '../../understanding/sentiment.js';
import { nextTrajectory } from '../../understanding/sentiment-trajectory.js';
import type { Stage } from '../stage.js';

/** Stage 2: how does the visitor feel, and which way is it going? */
export function createTrackSentimentStage(): Stage<'sentiment'> {
  return {
    name: 'track-sentiment',
    run(turn) {
      const result = analyzeSentiment(turn.text);
      return { sentiment: { ...result, trajectory: nextTrajectory(turn.previousTrajectory, result.score) } };
    },
  };
}
