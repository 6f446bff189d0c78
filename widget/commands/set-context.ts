import { normalizeContext } from '../host-context.js';
import type { CommandContext } from './command-context.js';

/**
 * `Firstline.setContext({feature, errorState, ...})`: what the visitor is looking at. Replaces the
 * previous context (call it on each route; `setContext(null)` clears it) so a stale error state
 * never follows the visitor to another page.
 */
export function setContext(ctx: CommandContext, input: unknown): void {
  ctx.chat.setContext(normalizeContext(input));
}
