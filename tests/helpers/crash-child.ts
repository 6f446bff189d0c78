import pino from 'pino';
import { installProcessGuards } from '../../server/process-guards.js';

/** A process that fails the way argv[2] says, with the production guards installed (see process-guards.test.ts). */
const mode = process.argv[2];
const log = pino({ base: { service: 'firstline' } });
installProcessGuards({
  log,
  closeTimeoutMs: 300,
  close: async () => {
    if (mode === 'hang') await new Promise(() => setInterval(() => undefined, 1000));
    if (mode === 'close-fails') throw new Error('db already gone');
    log.info('closed');
  },
});
// Keeps the process alive like a listening server would.
setInterval(() => undefined, 1000);
setTimeout(() => {
  if (mode === 'reject') void Promise.reject(new Error('rejected boom'));
  else throw new Error('uncaught boom');
}, 10);
