import type { CommandContext } from './command-context.js';

/**
 * `Firstline.shutdown()`: call it when the user logs out. Forgets the visitor on this device (the
 * stored conversation, unsent messages, the identity), closes the panel and disconnects; the next
 * visitor starts a fresh conversation.
 */
export function shutdown(ctx: CommandContext): void {
  ctx.forget();
  ctx.chat.shutdown();
}
