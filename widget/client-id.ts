/** A unique id for an outgoing message, so the server can drop re-sends of the same message. */
export function newClientMessageId(): string {
  const c = globalThis.crypto as Crypto | undefined;
  // randomUUID only exists in secure contexts (https, localhost); plain-http hosts get the fallback.
  if (c && typeof c.randomUUID === 'function') return c.randomUUID();
  const bytes = new Uint8Array(16);
  if (c && typeof c.getRandomValues === 'function') c.getRandomValues(bytes);
  else for (let i = 0; i < bytes.length; i++) bytes[i] = Math.floor(Math.random() * 256);
  return 'c-' + Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('') + '-' + Date.now().toString(36);
}
