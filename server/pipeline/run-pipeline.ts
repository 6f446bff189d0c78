import type { AnyStage } from './stage.js';
import type { Turn, TurnInput } from './turn.js';

export interface StageTiming {
  stage: string;
  ms: number;
}
export interface PipelineRun {
  turn: Turn;
  timings: StageTiming[];
}

export class StageError extends Error {
  override name = 'StageError';
  constructor(
    readonly stage: string,
    override readonly cause: unknown,
  ) {
    super(`Pipeline stage "${stage}" failed: ${cause instanceof Error ? cause.message : String(cause)}`);
  }
}

/** Runs the stages in order, merging each one's output into the turn and timing it. */
export async function runPipeline(stages: readonly AnyStage[], input: TurnInput): Promise<PipelineRun> {
  let turn: Turn = { ...input };
  const timings: StageTiming[] = [];
  for (const stage of stages) {
    const started = performance.now();
    try {
      turn = { ...turn, ...(await stage.run(turn)) };
    } catch (err) {
      throw new StageError(stage.name, err);
    }
    timings.push({ stage: stage.name, ms: Math.round((performance.now() - started) * 100) / 100 });
  }
  return { turn, timings };
}
