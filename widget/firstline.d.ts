/**
 * Types for the Firstline widget's host-page API (`window.Firstline`), shipped as
 * dist/widget/firstline.d.ts and served at /widget.d.ts. Copy it into your app, or reference it:
 *   /// <reference path="./firstline.d.ts" />
 * Every method can also be queued before the script has loaded: `Firstline.q.push(['open'])`.
 */

export interface FirstlineIdentity {
  /** Your user id (string or number). With `userHash` or `jwt` it is proven; otherwise a claim. */
  id?: string | number;
  name?: string;
  email?: string;
  plan?: string;
  /** Yearly value of the account, in your currency; raises priority only when proven. */
  accountValue?: number | string;
  /** ISO date (or a Date) of the next renewal. */
  renewalDate?: string | Date;
  /** HMAC-SHA256 of `id` with IDENTITY_SECRET, computed by your server. */
  userHash?: string;
  /** HS256 JWT whose claims are the identity, signed by your server. */
  jwt?: string;
}

/** What the visitor is looking at: any JSON object (at most a few KB). */
export type FirstlineContext = Record<string, unknown>;

export interface FirstlineMessage {
  id: string;
  conversationId: string;
  role: 'visitor' | 'ai' | 'agent' | 'system';
  text: string;
  createdAt: string;
}

export interface FirstlineHandoff {
  conversationId: string;
  reason: string;
  queuePosition: number;
  etaSeconds: number;
}

export interface FirstlineEvents {
  /** The chat has loaded (once; a listener added later is called at once). */
  ready: () => void;
  /** The panel opened (launcher, `open()`, or a `data-firstline-open-on-click` element). */
  open: () => void;
  /** The panel closed. */
  close: () => void;
  /** A new message in the conversation, from anyone, each once (not the history shown on reload). */
  message: (message: FirstlineMessage) => void;
  /** The conversation was handed to a person (once per handoff, not on queue updates). */
  handoff: (handoff: FirstlineHandoff) => void;
}

export type FirstlineCall =
  | ['identify', FirstlineIdentity]
  | ['setContext', FirstlineContext | null]
  | ['open']
  | ['close']
  | ['page']
  | ['shutdown']
  | ['hide']
  | ['show']
  | { [K in keyof FirstlineEvents]: ['on' | 'off', K, FirstlineEvents[K]] }[keyof FirstlineEvents];

export interface FirstlineApi {
  /** Who the visitor is; sent with the connection. A different `id` than the stored conversation's starts a new one. */
  identify(identity: FirstlineIdentity): void;
  /** Replaces the page context (`null` clears it); reported with the page. */
  setContext(context: FirstlineContext | null): void;
  /** Opens the chat panel. */
  open(): void;
  /** Closes the chat panel; the conversation goes on. */
  close(): void;
  /** Reports the current page now (route changes through `history` are seen without it). */
  page(): void;
  /** Log-out: forgets the visitor on this device, closes the panel and disconnects; the next visitor starts fresh. */
  shutdown(): void;
  /** Hides the launcher button (the panel still opens with `open()`). */
  hide(): void;
  /** Shows the launcher button again. */
  show(): void;
  on<K extends keyof FirstlineEvents>(event: K, listener: FirstlineEvents[K]): void;
  off<K extends keyof FirstlineEvents>(event: K, listener: FirstlineEvents[K]): void;
  /** Calls made before the script loaded; after that, `push` runs them at once. */
  q: FirstlineCall[] | { push(...calls: FirstlineCall[]): number };
}

declare global {
  interface Window {
    Firstline?: FirstlineApi | { q: FirstlineCall[] };
  }
  // eslint-disable-next-line no-var
  var Firstline: FirstlineApi;
}
