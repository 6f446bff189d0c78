import type { Db } from '../db/db.js';
import { AppError, conflict, notFound } from '../errors.js';
import type { IntentDefinition } from '../understanding/types.js';
import type { IntentCatalog } from './intent-catalog.js';
import { parseIntentJsonl, toIntentJsonl } from './intent-jsonl.js';
import { createIntentStore, type StoredIntent } from './intent-store.js';

export interface IntentServiceDeps {
  db: Db;
  /** Trains a catalog (classifier + definitions); throws when the set cannot be trained. */
  build: (definitions: readonly IntentDefinition[]) => IntentCatalog;
}

/**
 * Intents as data: CRUD over the `intents` table, and the live catalog the pipeline reads. Every
 * change trains the next catalog BEFORE it is written (a set that cannot be trained is refused and
 * nothing changes), then writes it and swaps the catalog in. Changes run one at a time so two
 * admins saving at once cannot train on a stale set. Other server processes pick the change up on
 * restart (intent edits are rare; the classifier retrains in well under a second).
 */
export function createIntentService(deps: IntentServiceDeps) {
  const store = createIntentStore(deps.db);
  let catalog: IntentCatalog | null = null;
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
      throw new AppError(422, 'training_failed', `The intent classifier cannot be trained on this set: ${err instanceof Error ? err.message : String(err)}.`);
    }
  }

  /** Trains on `next`, runs `write`, then makes the new catalog live. */
  async function change(next: IntentDefinition[], write: () => Promise<void>): Promise<void> {
    const trained = train(next);
    await write();
    catalog = trained;
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
        catalog = train(await store.list());
        return { seeded };
      });
    },
    /** The catalog in force; the pipeline calls this on every turn. */
    catalog(): IntentCatalog {
      if (!catalog) throw new Error('The intent service was not started.');
      return catalog;
    },
    list: () => store.list(),
    async get(name: string): Promise<StoredIntent> {
      const intent = await store.get(name);
      if (!intent) throw notFound(`Intent "${name}"`);
      return intent;
    },
    create(def: IntentDefinition): Promise<StoredIntent> {
      return serial(async () => {
        const all = await store.list();
        if (all.some((i) => i.name === def.name)) throw conflict(`An intent named "${def.name}" already exists; edit it instead.`, 'intent_exists');
        await change([...all, def], () => store.upsert(def));
        return (await store.get(def.name))!;
      });
    },
    update(name: string, def: Omit<IntentDefinition, 'name'>): Promise<StoredIntent> {
      return serial(async () => {
        const all = await store.list();
        if (!all.some((i) => i.name === name)) throw notFound(`Intent "${name}"`);
        const next = { ...def, name };
        await change(all.map((i) => (i.name === name ? next : i)), () => store.upsert(next));
        return (await store.get(name))!;
      });
    },
    remove(name: string): Promise<void> {
      return serial(async () => {
        const all = await store.list();
        if (!all.some((i) => i.name === name)) throw notFound(`Intent "${name}"`);
        await change(all.filter((i) => i.name !== name), async () => void (await store.remove(name)));
      });
    },
    /** JSONL import: upserts every line (with `replace`, also deletes intents not in the file). All or nothing. */
    importJsonl(text: string, opts: { replace?: boolean } = {}): Promise<{ imported: number; total: number }> {
      const incoming = parseIntentJsonl(text);
      return serial(async () => {
        const all = await store.list();
        const byName = new Map<string, IntentDefinition>(opts.replace ? [] : all.map((i) => [i.name, i]));
        for (const d of incoming) byName.set(d.name, d);
        const next = [...byName.values()];
        await change(next, () => deps.db.transaction((tx) => createIntentStore(tx).upsertMany(incoming, opts)));
        return { imported: incoming.length, total: next.length };
      });
    },
    async exportJsonl(): Promise<string> {
      return toIntentJsonl(await store.list());
    },
  };
}
export type IntentService = ReturnType<typeof createIntentService>;
