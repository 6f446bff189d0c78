import type { CommandContext } from './command-context.js';

/** `Firstline.close()`: closes the chat panel; the conversation keeps running. */
export function close(ctx: CommandContext): void {
  ctx.chat.close();
}
