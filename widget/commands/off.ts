import type { CommandContext } from './command-context.js';

/** `Firstline.off(name, fn)`: removes a listener added with `on`. */
export function off(ctx: CommandContext, name: unknown, fn: unknown): void {
  ctx.events.off(name, fn);
}
