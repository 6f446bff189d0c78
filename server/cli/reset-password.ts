/**
 * `npm run reset-password -- EMAIL`: a new generated password for an agent or admin, printed once,
 * in the configured database (`DATABASE_URL`, else the `DATA_DIR` PGlite). Every session of that
 * account ends. The embedded PGlite folder may be opened by one process only, so with it the
 * server must be stopped first; the command checks `PORT` and refuses while a server answers there.
 * Exits 1 when no account has the email, 2 on bad usage.
 */
import { ConfigError, loadConfig } from '../config.js';
import { openDb } from '../db/open-db.js';
import { migrate } from '../db/migrate.js';
import { createUserRepository } from '../auth/user-repository.js';
import { resetPassword } from '../auth/reset-password.js';

const USAGE = 'usage: npm run reset-password -- EMAIL   (e.g. npm run reset-password -- sam@firstline.local)';

async function serverAnswers(port: number): Promise<boolean> {
  try {
    const res = await fetch(`http://127.0.0.1:${port}/healthz`, { signal: AbortSignal.timeout(1000) });
    return res.ok;
  } catch {
    return false;
  }
}

async function main(): Promise<number> {
  const email = process.argv[2]?.trim().toLowerCase();
  if (!email || process.argv.length > 3 || !email.includes('@')) {
    console.error(USAGE);
    return 2;
  }
  let config;
  try {
    config = loadConfig();
  } catch (err) {
    if (err instanceof ConfigError) {
      console.error(err.message);
      return 2;
    }
    throw err;
  }
  if (!config.databaseUrl && (await serverAnswers(config.port))) {
    console.error(
      `A Firstline server is running on port ${config.port} with the embedded database in ${config.dataDir}; ` +
        `stop it (Ctrl-C) and run this again.`,
    );
    return 2;
  }
  const db = await openDb(config);
  try {
    await migrate(db);
    const password = await resetPassword(createUserRepository(db), email);
    if (!password) {
      console.error(`No agent or admin has the email ${email}. The console's Agents screen lists them.`);
      return 1;
    }
    console.log(
      `New password for ${email}: ${password}\n(shown only this once; every session of this account was signed out)`,
    );
    return 0;
  } finally {
    await db.close();
  }
}

main().then(
  (code) => process.exit(code),
  (err) => {
    console.error('reset-password failed:', err instanceof Error ? err.message : err);
    process.exit(1);
  },
);
