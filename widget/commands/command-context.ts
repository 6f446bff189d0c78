import type { ChatModel } from '../chat-model.js';

/** What a window API command may touch. */
export interface CommandContext {
  model: ChatModel;
  /** Puts <firstline-widget> back into the page if the host app removed it. */
  mount(): void;
}
