/**
 * The chat as the window API sees it. Until the chat chunk has loaded, the loader stands in and
 * queues the calls (in order); the chat validates the arguments, so the loader stays small.
 */
export interface ChatControls {
  identify(input: unknown): void;
  setContext(input: unknown): void;
  open(): void;
  close(): void;
  reportPage(): void;
}

/** What a window API command may touch. */
export interface CommandContext {
  chat: ChatControls;
  /** Puts <firstline-widget> back into the page if the host app removed it. */
  mount(): void;
}
