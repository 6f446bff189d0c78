import type { CommandContext } from './command-context.js';

/** `Firstline.page()`: report the current page now, for routers the history patch does not see. */
export function page(ctx: CommandContext): void {
  ctx.chat.reportPage();
}
