import type { Turn } from './turn.js';

/** A named step of the message pipeline: reads the turn so far, returns the slice it adds. */
export interface Stage<K extends keyof Turn = keyof Turn> {
  readonly name: string;
  run(turn: Readonly<Turn>): Promise<Required<Pick<Turn, K>>> | Required<Pick<Turn, K>>;
}

/** Any stage, as the pipeline runner holds them in a list. */
export interface AnyStage {
  readonly name: string;
  run(turn: Readonly<Turn>): Promise<Partial<Turn>> | Partial<Turn>;
}
