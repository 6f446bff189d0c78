import { ConfigError, loadConfig } from './config.js';
import { createLogger } from './logger.js';
import { installProcessGuards } from './process-guards.js';
import { startServer } from './start-server.js';

/** `npm start`: read config once, start everything, print where to go, stop cleanly on Ctrl-C. */
async function main(): Promise<void> {
  let config;
  try {
    config = loadConfig();
  } catch (err) {
    if (err instanceof ConfigError) {
      console.error(err.message);
      process.exit(2);
    }
    throw err;
  }
  const log = createLogger(config.logLevel);
  const server = await startServer(config, { log });
  // From here on, anything uncaught is logged as fatal and the server closes before exiting (code 1).
  installProcessGuards({ log, close: () => server.close() });

  const lines = [
    '',
    `  Firstline is running on ${server.url}`,
    `  Demo app (widget):  ${server.url}/`,
    `  Agent console:      ${server.url}/console`,
    `  Admin login:        ${server.admin.email} / ${server.admin.password ?? '(password printed at first start; set ADMIN_PASSWORD to reset it)'}`,
    ...server.demoAgents.map((a) => `  Demo agent login:   ${a.email} / ${a.password}`),
    `  Database:           ${config.databaseUrl ? 'PostgreSQL (DATABASE_URL)' : `embedded PGlite in ${config.dataDir}`}`,
    `  Answers:            ${config.openai ? `OpenAI-compatible model ${config.openai.chatModel}` : 'offline (extractive, local models)'}`,
    '',
  ];
  process.stdout.write(`${lines.join('\n')}\n`);

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.info({ signal }, 'shutting down');
    await server.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
}

main().catch((err) => {
  console.error('Firstline failed to start:', err instanceof Error ? err.message : err);
  process.exit(1);
});
