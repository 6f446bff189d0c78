import type { Command } from './commands/index.js';

/** One queued call: `['identify', {...}]` (an array or an `arguments` object). */
type QueuedCall = ArrayLike<unknown>;

interface FirstlineGlobal {
  q?: unknown;
  [method: string]: unknown;
}

/**
 * Installs the commands on `window.Firstline` and replays calls queued before the script loaded.
 * Hosts may use `window.Firstline = window.Firstline || {q: []}` and push `['identify', {...}]`,
 * or stub methods that push onto `q`; the existing object is kept so references to it stay valid,
 * and `q.push` keeps working afterwards by running calls at once.
 */
export function installWindowApi(win: { Firstline?: unknown }, commands: Record<string, Command>): FirstlineGlobal {
  const existing = win.Firstline;
  const api: FirstlineGlobal = existing && typeof existing === 'object' ? (existing as FirstlineGlobal) : {};
  const queued: unknown[] = Array.isArray(api.q) ? api.q.slice() : [];

  const run = (call: unknown): void => {
    if (!call || typeof (call as QueuedCall).length !== 'number') return;
    const [name, ...args] = Array.from(call as QueuedCall);
    const command = typeof name === 'string' && Object.hasOwn(commands, name) ? commands[name] : undefined;
    if (!command) {
      console.warn(`[firstline] unknown command ${String(name)}`);
      return;
    }
    try {
      command(...args);
    } catch (err) {
      // A host mistake in one call must not stop the rest of the queue.
      console.error('[firstline]', err);
    }
  };

  for (const [name, command] of Object.entries(commands)) api[name] = command;
  api.q = {
    push: (...calls: unknown[]) => {
      calls.forEach(run);
      return 0;
    },
  };
  win.Firstline = api;
  queued.forEach(run);
  return api;
}
