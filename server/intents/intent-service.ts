import type { Db } from '../db/db.js';
import { AppError, conflict, notFound } from '../errors.js';
import type { IntentDefinition } from '../../understanding/types.js';
import type { IntentCatalog } from './intent-catalog.js';
import { parseIntentJsonl, toIntentJsonl } from '../../understanding/intent-jsonl.js';
import { createIntentStore, type IntentStore, type StoredIntent } from './intent-store.js';
import type { Logger } from '../logger.js';

export interface IntentServiceDeps {
  db: Db;
  /** Trains a catalog (classifier + definitions); throws when the set cannot be trained. */
  build: (definitions: readonly IntentDefinition[]) => IntentCatalog;
  /** Where `refresh` reports a reload, or a set in the database that cannot be trained. */
  log?: Logger;
}

/** What one `refresh` did: nothing changed, the catalog was retrained and swapped, or training failed. */
export type IntentRefreshOutcome = 'unchanged' | 'reloaded' | 'failed';

/**
 * Intents as data: CRUD over the `intents` table, and the live catalog the pipeline reads. Every
 * change trains the next catalog BEFORE it is written (a set that cannot be trained is refused and
 * nothing changes), then writes it and swaps the catalog in. Changes run one at a time: in this
 * process through a queue, across processes under a table lock, so two admins saving at once
 * cannot train on a stale set. Other server processes pick a change up within one `refresh`
 * (a background job, every SWEEP_INTERVAL_MS): it compares a fingerprint of the table with the
 * one the live catalog was trained on, retrains only when they differ, and swaps only a catalog
 * that trained (a set that cannot be trained is logged once and the old catalog stays).
 */
export function createIntentService(deps: IntentServiceDeps) {
  const store = createIntentStore(deps.db);
  /** The catalog in force and the fingerprint of exactly the rows it was trained on. */
  let live: { catalog: IntentCatalog; fingerprint: string } | null = null;
  /** The fingerprint of a set that failed to train in `refresh`, so it is not retried and logged again every pass. */
  let failedFingerprint: string | null = null;
  let tail: Promise<unknown> = Promise.resolve();
  const serial = <T>(task: () => Promise<T>): Promise<T> => {
    const next = tail.then(task, task);
    tail = next.catch(() => undefined);
    return next;
  };

  function train(definitions: readonly IntentDefinition[]): IntentCatalog {
    try {
      return deps.build(definitions);
    } catch (err) {
      throw new AppError(
        422,
        'training_failed',
        `The intent classifier cannot be trained on this set: ${err instanceof Error ? err.message : String(err)}.`,
      );
    }
  }

  /** The rows and their fingerprint from one snapshot, so the fingerprint is of exactly these rows. */
  const snapshot = () =>
    deps.db.transaction(async (tx) => {
      await tx.query('SET TRANSACTION ISOLATION LEVEL REPEATABLE READ');
      const s = createIntentStore(tx);
      return { fingerprint: await s.fingerprint(), intents: await s.list() };
    });

  /**
   * One change, in a transaction holding a lock that other writers (other processes too) wait on:
   * reads the current set, plans the next one, trains it, writes it, and makes it live with the
   * fingerprint of what was written, so this process's own `refresh` does not retrain it.
   */
  async function change<T>(
    plan: (all: StoredIntent[]) => { next: IntentDefinition[]; write: (tx: IntentStore) => Promise<T> },
  ): Promise<T> {
    const done = await deps.db.transaction(async (tx) => {
      await tx.query('LOCK TABLE intents IN SHARE ROW EXCLUSIVE MODE');
      const s = createIntentStore(tx);
      const { next, write } = plan(await s.list());
      const catalog = train(next);
      const result = await write(s);
      return { catalog, result, fingerprint: await s.fingerprint() };
    });
    live = { catalog: done.catalog, fingerprint: done.fingerprint };
    failedFingerprint = null;
    return done.result;
  }

  return {
    /** Seeds the table when empty, then loads and trains the live catalog. Call once at start. */
    async start(seed: readonly IntentDefinition[]): Promise<{ seeded: number }> {
      return serial(async () => {
        let seeded = 0;
        if ((await store.count()) === 0) {
          await deps.db.transaction((tx) => createIntentStore(tx).upsertMany(seed));
          seeded = seed.length;
        }
        const { fingerprint, intents } = await snapshot();
        live = { catalog: train(intents), fingerprint };
        return { seeded };
      });
    },
    /** The catalog in force; the pipeline calls this on every turn. */
    catalog(): IntentCatalog {
      if (!live) throw new Error('The intent service was not started.');
      return live.catalog;
    },
    /**
     * Picks up changes other processes made (the background job calls this): one fingerprint query
     * when nothing changed; otherwise retrains and swaps the catalog only if training succeeds.
     */
    refresh(): Promise<IntentRefreshOutcome> {
      return serial(async () => {
        if (!live) throw new Error('The intent service was not started.');
        const current = await store.fingerprint();
        if (current === live.fingerprint || current === failedFingerprint) return 'unchanged';
        const { fingerprint, intents } = await snapshot();
        if (fingerprint === live.fingerprint || fingerprint === failedFingerprint) return 'unchanged';
        try {
          live = { catalog: deps.build(intents), fingerprint };
        } catch (err) {
          failedFingerprint = fingerprint;
          deps.log?.error(
            { err, intents: intents.length },
            'The intents in the database cannot be trained, ' +
              'so this process keeps classifying with the previous set; ' +
              'fix them through /api/intents (or an import).',
          );
          return 'failed';
        }
        failedFingerprint = null;
        deps.log?.info({ intents: intents.length }, 'intents changed in the database; the classifier was retrained');
        return 'reloaded';
      });
    },
    list: () => store.list(),
    async get(name: string): Promise<StoredIntent> {
      const intent = await store.get(name);
      if (!intent) throw notFound(`Intent "${name}"`);
      return intent;
    },
    create(def: IntentDefinition): Promise<StoredIntent> {
      return serial(() =>
        change((all) => {
          if (all.some((i) => i.name === def.name))
            throw conflict(`An intent named "${def.name}" already exists; edit it instead.`, 'intent_exists');
          return {
            next: [...all, def],
            write: async (tx) => {
              await tx.upsert(def);
              return (await tx.get(def.name))!;
            },
          };
        }),
      );
    },
    update(name: string, def: Omit<IntentDefinition, 'name'>): Promise<StoredIntent> {
      return serial(() =>
        change((all) => {
          if (!all.some((i) => i.name === name)) throw notFound(`Intent "${name}"`);
          const next = { ...def, name };
          return {
            next: all.map((i) => (i.name === name ? next : i)),
            write: async (tx) => {
              await tx.upsert(next);
              return (await tx.get(name))!;
            },
          };
        }),
      );
    },
    remove(name: string): Promise<void> {
      return serial(() =>
        change((all) => {
          if (!all.some((i) => i.name === name)) throw notFound(`Intent "${name}"`);
          return { next: all.filter((i) => i.name !== name), write: async (tx) => void (await tx.remove(name)) };
        }),
      );
    },
    /** JSONL import: upserts every line (with `replace`, also deletes intents not in the file). All or nothing. */
    importJsonl(text: string, opts: { replace?: boolean } = {}): Promise<{ imported: number; total: number }> {
      const incoming = parseIntentJsonl(text);
      return serial(() =>
        change((all) => {
          const byName = new Map<string, IntentDefinition>(opts.replace ? [] : all.map((i) => [i.name, i]));
          for (const d of incoming) byName.set(d.name, d);
          const next = [...byName.values()];
          return {
            next,
            write: async (tx) => {
              await tx.upsertMany(incoming, opts);
              return { imported: incoming.length, total: next.length };
            },
          };
        }),
      );
    },
    async exportJsonl(): Promise<string> {
      return toIntentJsonl(await store.list());
    },
  };
}
export type IntentService = ReturnType<typeof createIntentService>;
