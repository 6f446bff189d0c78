import type { CommandContext } from './command-context.js';

/** `Firstline.open()`: opens the chat panel (e.g. from a "Contact support" button). */
export function open(ctx: CommandContext): void {
  ctx.mount();
  ctx.chat.open();
}
