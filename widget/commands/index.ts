import { close } from './close.js';
import type { CommandContext } from './command-context.js';
import { identify } from './identify.js';
import { open } from './open.js';
import { page } from './page.js';
import { setContext } from './set-context.js';

export type Command = (...args: unknown[]) => void;
export type CommandName = 'identify' | 'setContext' | 'open' | 'close' | 'page';

/** The public `window.Firstline` methods, bound to one widget instance. */
export function createCommands(ctx: CommandContext): Record<CommandName, Command> {
  return {
    identify: (input) => identify(ctx, input),
    setContext: (input) => setContext(ctx, input),
    open: () => open(ctx),
    close: () => close(ctx),
    page: () => page(ctx),
  };
}
