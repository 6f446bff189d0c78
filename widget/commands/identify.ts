import { normalizeIdentity } from '../identity.js';
import type { CommandContext } from './command-context.js';

/** `Firstline.identify({id, name, email, plan, accountValue, renewalDate})`: who the visitor is. */
export function identify(ctx: CommandContext, input: unknown): void {
  ctx.model.identify(normalizeIdentity(input));
}
