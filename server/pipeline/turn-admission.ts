/** How many AI turns one node runs at once, and how many may wait for a slot (TURNS_IN_FLIGHT, TURN_QUEUE). */
export interface TurnAdmissionLimits {
  readonly maxInFlight: number;
  readonly maxQueued: number;
}

export const DEFAULT_TURN_ADMISSION: TurnAdmissionLimits = { maxInFlight: 32, maxQueued: 1000 };

/** This node's turn admission right now, and since start (`GET /api/metrics/runtime`). */
export interface TurnAdmissionCounts {
  inFlight: number;
  queued: number;
  limits: { inFlight: number; queued: number };
  /** The most turns waiting at once since start or the last `resetPeak()`. */
  peakQueued: number;
  /** Turns started, waited for a slot first, and refused a place in the queue (left to the turn sweep). */
  startedTotal: number;
  waitedTotal: number;
  deferredTotal: number;
}

export interface TurnAdmission {
  /**
   * Runs `task` now if a slot is free and nobody waits, else queues it (first in, first out), else
   * returns null: the queue is full and the caller leaves the turn to the durable sweep. `waited`
   * tells the task it did not start at once. The slot is released when the task settles, even on error.
   */
  run<T>(task: (waited: boolean) => Promise<T>): Promise<T> | null;
  /** Turns this node could take right now without deferring any (free slots plus free queue places). */
  room(): number;
  counts(): TurnAdmissionCounts;
  resetPeak(): void;
}

/**
 * Admission control for AI turns: past capacity, turns wait in a bounded FIFO instead of all running
 * at once and slowing together (and starving sockets and health checks of the event loop). O(1) per
 * turn and no extra event-loop hop: under capacity the task is called synchronously.
 */
export function createTurnAdmission(limits: TurnAdmissionLimits = DEFAULT_TURN_ADMISSION): TurnAdmission {
  const { maxInFlight, maxQueued } = limits;
  let inFlight = 0;
  // A FIFO as an array and a head index (shift() is O(n)); compacted when half of it is spent.
  let waiting: Array<(() => void) | undefined> = [];
  let head = 0;
  let peakQueued = 0;
  let startedTotal = 0;
  let waitedTotal = 0;
  let deferredTotal = 0;
  const queued = () => waiting.length - head;

  function release(): void {
    inFlight--;
    while (inFlight < maxInFlight && head < waiting.length) {
      const start = waiting[head]!;
      waiting[head++] = undefined;
      if (head === waiting.length) {
        waiting = [];
        head = 0;
      } else if (head > 1024 && head * 2 > waiting.length) {
        waiting = waiting.slice(head);
        head = 0;
      }
      start();
    }
  }

  function start<T>(task: (waited: boolean) => Promise<T>, waited: boolean): Promise<T> {
    inFlight++;
    startedTotal++;
    let running: Promise<T>;
    try {
      running = task(waited);
    } catch (err) {
      running = Promise.reject(err);
    }
    // Both branches release; the caller still sees the task's own rejection.
    running.then(release, release);
    return running;
  }

  return {
    run<T>(task: (waited: boolean) => Promise<T>): Promise<T> | null {
      if (inFlight < maxInFlight && head === waiting.length) return start(task, false);
      if (queued() >= maxQueued) {
        deferredTotal++;
        return null;
      }
      waitedTotal++;
      const done = new Promise<T>((resolve, reject) => {
        waiting.push(() => void start(task, true).then(resolve, reject));
      });
      peakQueued = Math.max(peakQueued, queued());
      return done;
    },
    room: () => Math.max(0, maxInFlight - inFlight) + Math.max(0, maxQueued - queued()),
    counts: () => ({
      inFlight,
      queued: queued(),
      limits: { inFlight: maxInFlight, queued: maxQueued },
      peakQueued,
      startedTotal,
      waitedTotal,
      deferredTotal,
    }),
    resetPeak() {
      peakQueued = queued();
    },
  };
}
