import type { PageContext } from '../host-context.js';
import type { HostEvents } from '../host-events.js';

/**
 * The chat as the window API sees it. Until the chat chunk has loaded, the loader stands in and
 * queues the calls (in order); the chat validates the arguments, so the loader stays small.
 */
export interface ChatControls {
  identify(input: unknown): void;
  /** Already checked by the loader (host-context.ts): a plain JSON object within the server's bounds. */
  setContext(context: PageContext | undefined): void;
  open(): void;
  close(): void;
  reportPage(): void;
  /** Forgets the visitor on this device: conversation, unsent messages, identity; disconnects. */
  shutdown(): void;
}

/** What a window API command may touch. */
export interface CommandContext {
  chat: ChatControls;
  /** Puts <firstline-widget> back into the page if the host app removed it. */
  mount(): void;
  /** The host page's event listeners. */
  events: HostEvents;
  /** Hides (true) or shows the launcher button; the panel still opens with `open()`. */
  setLauncherHidden(hidden: boolean): void;
  /** Clears what this device stores for the visitor (works before the chat has loaded). */
  forget(): void;
}
