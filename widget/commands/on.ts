import type { CommandContext } from './command-context.js';

/**
 * `Firstline.on(name, fn)`: follow the widget from the host app. `ready` (the chat has loaded; a
 * late listener is called at once), `open`, `close`, `message` (`{id, role, text, createdAt}`,
 * each new message once) and `handoff` (`{reason, queuePosition, etaSeconds}`, once per handoff).
 */
export function on(ctx: CommandContext, name: unknown, fn: unknown): void {
  ctx.events.on(name, fn);
}
