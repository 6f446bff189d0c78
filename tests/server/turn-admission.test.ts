import { describe, expect, it } from 'vitest';
import { createTurnAdmission } from '../../server/pipeline/turn-admission.js';

/** A task the test finishes by hand. */
function gate<T = string>() {
  let resolve!: (v: T) => void;
  let reject!: (e: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}
const settle = () => new Promise((r) => setTimeout(r, 0));

describe('turn admission: a bounded number of AI turns run, a bounded number wait, the rest are deferred', () => {
  it('starts a turn at once (synchronously) while under capacity, and says it did not wait', () => {
    const admission = createTurnAdmission({ maxInFlight: 2, maxQueued: 2 });
    const started: boolean[] = [];
    admission.run(async (waited) => void started.push(waited));
    // No event-loop hop under capacity: the task has run before `run` returned.
    expect(started).toEqual([false]);
  });

  it('runs at most maxInFlight at once, queues up to maxQueued, and defers the rest', async () => {
    const admission = createTurnAdmission({ maxInFlight: 2, maxQueued: 3 });
    const gates = Array.from({ length: 6 }, () => gate());
    const running: number[] = [];
    const runs = gates.map((g, i) =>
      admission.run(() => {
        running.push(i);
        return g.promise;
      }),
    );
    expect(running).toEqual([0, 1]);
    expect(runs.slice(0, 5).every((r) => r !== null)).toBe(true);
    expect(runs[5]).toBeNull();
    expect(admission.counts()).toMatchObject({
      inFlight: 2,
      queued: 3,
      peakQueued: 3,
      startedTotal: 2,
      waitedTotal: 3,
      deferredTotal: 1,
      limits: { inFlight: 2, queued: 3 },
    });
    expect(admission.room()).toBe(0);

    gates[0]!.resolve('a');
    await expect(runs[0]).resolves.toBe('a');
    await settle();
    expect(running).toEqual([0, 1, 2]);
    expect(admission.counts()).toMatchObject({ inFlight: 2, queued: 2 });
    expect(admission.room()).toBe(1);
  });

  it('starts waiting turns first in, first out, each told it waited', async () => {
    const admission = createTurnAdmission({ maxInFlight: 1, maxQueued: 10 });
    const first = gate();
    const order: Array<[number, boolean]> = [];
    admission.run((waited) => {
      order.push([0, waited]);
      return first.promise;
    });
    const rest = [1, 2, 3, 4].map((i) =>
      admission.run(async (waited) => {
        order.push([i, waited]);
        return i;
      }),
    );
    first.resolve('done');
    expect(await Promise.all(rest)).toEqual([1, 2, 3, 4]);
    expect(order).toEqual([
      [0, false],
      [1, true],
      [2, true],
      [3, true],
      [4, true],
    ]);
    expect(admission.counts()).toMatchObject({ inFlight: 0, queued: 0, startedTotal: 5, waitedTotal: 4 });
  });

  it('frees the slot when a turn fails, by rejecting or by throwing, and passes the error on', async () => {
    const admission = createTurnAdmission({ maxInFlight: 1, maxQueued: 5 });
    const failing = gate();
    const rejected = admission.run(() => failing.promise);
    const thrown = admission.run(() => {
      throw new Error('thrown at once');
    });
    const after = admission.run(async () => 'still runs');
    failing.reject(new Error('pipeline failed'));
    await expect(rejected).rejects.toThrow('pipeline failed');
    await expect(thrown).rejects.toThrow('thrown at once');
    await expect(after).resolves.toBe('still runs');
    await settle();
    expect(admission.counts()).toMatchObject({ inFlight: 0, queued: 0 });
    expect(admission.room()).toBe(6);
  });

  it('with no queue, defers as soon as every slot is busy', () => {
    const admission = createTurnAdmission({ maxInFlight: 1, maxQueued: 0 });
    expect(admission.run(() => gate().promise)).not.toBeNull();
    expect(admission.run(async () => 'x')).toBeNull();
    expect(admission.counts().deferredTotal).toBe(1);
  });

  it('keeps order and counts right through a long queue (the FIFO compacts as it drains)', async () => {
    const admission = createTurnAdmission({ maxInFlight: 3, maxQueued: 5000 });
    const order: number[] = [];
    const blockers = [gate(), gate(), gate()];
    blockers.forEach((g) => admission.run(() => g.promise));
    const runs = Array.from({ length: 4000 }, (_, i) => admission.run(async () => void order.push(i)));
    expect(admission.counts().queued).toBe(4000);
    blockers.forEach((g) => g.resolve('x'));
    await Promise.all(runs);
    expect(order).toEqual(Array.from({ length: 4000 }, (_, i) => i));
    admission.resetPeak();
    expect(admission.counts()).toMatchObject({ inFlight: 0, queued: 0, peakQueued: 0 });
  });
});
