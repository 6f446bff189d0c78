import type { FirstlineApi } from '../firstline.js';
import { close } from './close.js';
import type { CommandContext } from './command-context.js';
import { hide } from './hide.js';
import { identify } from './identify.js';
import { off } from './off.js';
import { on } from './on.js';
import { open } from './open.js';
import { page } from './page.js';
import { setContext } from './set-context.js';
import { show } from './show.js';
import { shutdown } from './shutdown.js';

export type Command = (...args: unknown[]) => void;
/** Every method of the published types (firstline.d.ts) has a command here, and no other. */
export type CommandName = Exclude<keyof FirstlineApi, 'q'>;

/** The public `window.Firstline` methods, bound to one widget instance (types: `widget/firstline.d.ts`). */
export function createCommands(ctx: CommandContext): Record<CommandName, Command> {
  return {
    identify: (input) => identify(ctx, input),
    setContext: (input) => setContext(ctx, input),
    open: () => open(ctx),
    close: () => close(ctx),
    page: () => page(ctx),
    shutdown: () => shutdown(ctx),
    on: (name, fn) => on(ctx, name, fn),
    off: (name, fn) => off(ctx, name, fn),
    hide: () => hide(ctx),
    show: () => show(ctx),
  };
}
