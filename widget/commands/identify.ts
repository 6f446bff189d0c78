import type { CommandContext } from './command-context.js';

/**
 * `Firstline.identify({id, name, email, plan, accountValue, renewalDate, userHash?, jwt?})`: who the
 * visitor is. `userHash` (HMAC of the id) or `jwt` come from the host app's server and prove it.
 */
export function identify(ctx: CommandContext, input: unknown): void {
  ctx.chat.identify(input);
}
