import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * `X-Firstline-Signature: sha256=<hex>` over `<timestamp>.<body>`, so a receiver can reject
 * both forged and replayed deliveries (check the timestamp is recent).
 */
export function signWebhook(secret: string, timestamp: string, body: string): string {
  return `sha256=${createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')}`;
}

export function verifyWebhook(secret: string, timestamp: string, body: string, signature: string): boolean {
  const expected = Buffer.from(signWebhook(secret, timestamp, body));
  const given = Buffer.from(signature);
  return expected.length === given.length && timingSafeEqual(expected, given);
}
