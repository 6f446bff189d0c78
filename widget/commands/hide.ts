import type { CommandContext } from './command-context.js';

/** `Firstline.hide()`: hides the launcher button (e.g. the page has its own "Help" button calling `open()`). */
export function hide(ctx: CommandContext): void {
  ctx.setLauncherHidden(true);
}
