import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { findDbCalls } from './db-calls.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '../..');

/** Routes validate, call a service and map its answer: the SQL lives in the service of its concern. */
describe('the HTTP routes', () => {
  it('never call query or transaction on the database', () => {
    expect(findDbCalls(root, 'server/http')).toEqual([]);
  });
}, 60_000);

describe('the database-call checker', () => {
  const fixture = mkdtempSync(join(tmpdir(), 'firstline-db-calls-'));
  afterAll(() => rmSync(fixture, { recursive: true, force: true }));
  const write = (file: string, text: string) => {
    mkdirSync(dirname(join(fixture, file)), { recursive: true });
    writeFileSync(join(fixture, file), text);
  };
  write(
    'base/db.ts',
    'export interface Queryable { query(sql: string, params?: unknown[]): Promise<{ rows: unknown[] }> }\n' +
      'export interface Db extends Queryable { transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T> }\n',
  );
  write('server/db/db.ts', "export * from '../../base/db.js';\n");
  write(
    'server/teams.ts',
    "import type { Db } from './db/db.js';\nexport const teams = (db: Db) => ({ list: () => db.query('SELECT 1') });\n",
  );
  write(
    'server/http/bad-routes.ts',
    [
      "import type { Db, Queryable } from '../db/db.js';",
      'export function routes(deps: { db: Db; reader: Pick<Db, "query">; teams: { list(): Promise<unknown> } }) {',
      '  const request = { query: (name: string) => name };',
      "  request.query('page');",
      '  void deps.teams.list();',
      "  void deps.db.query('SELECT 1');",
      "  void deps.db.transaction((tx: Queryable) => tx.query('SELECT 2'));",
      "  void deps.reader.query('SELECT 3');",
      '  const { query } = deps.db;',
      "  void query('SELECT 4');",
      '}',
      '',
    ].join('\n'),
  );
  write(
    'server/http/good-routes.ts',
    "import { teams } from '../teams.js';\nexport const list = (t: ReturnType<typeof teams>) => t.list();\n",
  );

  it('names the file and line of every call on the SQL seam, and nothing else', () => {
    expect(findDbCalls(fixture, 'server/http')).toEqual([
      'server/http/bad-routes.ts:6: deps.db.query(...)',
      'server/http/bad-routes.ts:7: deps.db.transaction(...)',
      'server/http/bad-routes.ts:7: tx.query(...)',
      'server/http/bad-routes.ts:8: deps.reader.query(...)',
      'server/http/bad-routes.ts:10: query(...)',
    ]);
  });
}, 60_000);
