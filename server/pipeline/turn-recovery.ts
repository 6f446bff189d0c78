import type { Clock } from '../clock.js';
import type { PendingTurn, PendingTurns } from './pending-turns.js';
import type { Logger } from '../logger.js';

export interface TurnOptions {
  /**
   * How long a run holds its turn without renewing (it renews every third of this while it runs),
   * and how long a stored turn is left to the node that received it before anyone else may run it.
   */
  leaseSeconds: number;
  /** A recovered turn older than this is handed to a person instead of answered late. */
  staleSeconds: number;
  /** Runs started on one turn before it is handed to a person instead (a message that kills its node). */
  maxAttempts: number;
}
/**
 * A 3 s lease renewed every second: a dead node's turns are free again at most 3 s after its last
 * renewal, and the 1 s turn sweep (TURN_SWEEP_MS) runs them, so its visitors are answered within
 * about 4 s. A live node whose loop stalls longer loses the turn; only one outcome still commits.
 */
export const DEFAULT_TURN_OPTIONS: TurnOptions = { leaseSeconds: 3, staleSeconds: 600, maxAttempts: 3 };

/**
 * ran: the pipeline's outcome (or its failure handoff) committed; expired: handed off unanswered;
 * skipped: not ours to run; deferred: no room on this node (turn admission), left pending for a later sweep.
 */
export type TurnOutcome = 'ran' | 'expired' | 'skipped' | 'deferred';

export interface TurnRecoveryResult {
  /** Turns this pass took over. */
  claimed: number;
  ran: number;
  expired: number;
}

/** Claims per pass, in conversations; the rest wait for the next pass. */
const CLAIM_LIMIT = 50;

/**
 * The sweep that makes "a restart, a reconnect or a crashed node loses no message" true: it takes
 * over pending turns nobody is running (never started within the lease, or whose lease ran out)
 * and runs them through the responder. Safe on every node: claims use SKIP LOCKED, and only the
 * claim holder can commit an outcome. Each pass waits for the runs it started.
 */
export function createTurnRecovery(deps: {
  turns: PendingTurns;
  token: string;
  clock: Clock;
  options: TurnOptions;
  run(turn: PendingTurn): Promise<TurnOutcome>;
  /** How many more turns this node can take now (turn admission); claims stop there. Default: no bound. */
  room?: () => number;
  /** Messages whose turns this node has queued or is running already: never claimed again. */
  held?: () => string[];
  /**
   * The tokens of the nodes alive now (this one's included), or null when unknown: turns held
   * under any other token belong to a dead node and are taken without waiting out their lease.
   */
  liveTokens?: () => Promise<readonly string[] | null>;
  log: Logger;
}) {
  return {
    async recover(): Promise<TurnRecoveryResult> {
      // A node at capacity claims nothing: another node with room, or a later pass, takes the turns.
      const limit = Math.min(CLAIM_LIMIT, deps.room?.() ?? CLAIM_LIMIT);
      if (limit <= 0) return { claimed: 0, ran: 0, expired: 0 };
      const now = deps.clock();
      const lease = deps.options.leaseSeconds * 1000;
      const held = deps.held?.() ?? [];
      const live = (await deps.liveTokens?.()) ?? null;
      const claimed = await deps.turns.claimDue({
        token: deps.token,
        now,
        unstartedBefore: new Date(now.getTime() - lease),
        leaseUntil: new Date(now.getTime() + lease),
        limit,
        ...(held.length ? { exclude: held } : {}),
        ...(live ? { liveTokens: live.includes(deps.token) ? live : [deps.token, ...live] } : {}),
      });
      if (claimed.length === 0) return { claimed: 0, ran: 0, expired: 0 };
      deps.log.info({ turns: claimed.length }, 'recovering visitor messages nobody answered');
      // Queued oldest first, so each conversation's turns run in order.
      const outcomes = await Promise.all(
        claimed.map((turn) =>
          deps.run(turn).catch((err): TurnOutcome => {
            deps.log.error(
              { err, conversationId: turn.conversationId, messageId: turn.messageId },
              'recovered turn failed; retried after its lease',
            );
            return 'skipped';
          }),
        ),
      );
      return {
        claimed: claimed.length,
        ran: outcomes.filter((o) => o === 'ran').length,
        expired: outcomes.filter((o) => o === 'expired').length,
      };
    },
  };
}
