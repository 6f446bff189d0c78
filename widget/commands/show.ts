import type { CommandContext } from './command-context.js';

/** `Firstline.show()`: shows the launcher button again after `hide()`. */
export function show(ctx: CommandContext): void {
  ctx.setLauncherHidden(false);
}
