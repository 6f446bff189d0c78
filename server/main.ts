import { ConfigError, loadConfig } from './config.js';
import { createHeldLogOutput } from './held-log-output.js';
import { createLogger } from './logger.js';
import { installProcessGuards } from './process-guards.js';
import { startServer } from './start-server.js';
import { startupBanner } from './startup-banner.js';

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
  // Start-up logs wait until the banner is out, so the two never interleave.
  const output = createHeldLogOutput();
  const log = createLogger(config.logLevel, output);
  let server;
  try {
    server = await startServer(config, { log });
  } catch (err) {
    output.release('');
    throw err;
  }
  // From here on, anything uncaught is logged as fatal and the server closes before exiting (code 1).
  installProcessGuards({ log, close: () => server.close() });
  // Start-up (migrations, seeding, calibrating the knowledge base) leaves tens of MB of garbage that
  // V8 would keep resident until allocation forces a full collection, which an idle server never
  // does. `npm start` passes --expose-gc for this one collection; elsewhere gc is undefined.
  globalThis.gc?.();

  output.release(startupBanner(server, config));

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
