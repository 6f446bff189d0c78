import { randomUUID } from 'node:crypto';
import type { Db } from '../db/db.js';

/** Saved replies an agent reaches for on day one; the links are the demo knowledge base's articles. */
export const DEMO_CANNED_REPLIES: ReadonlyArray<{ title: string; shortcut: string; text: string }> = [
  {
    title: 'Greeting',
    shortcut: 'hi',
    text:
      "Hi, thanks for reaching out! I've read what you told our assistant, " +
      'so no need to repeat it. Give me a moment to look into this.',
  },
  {
    title: 'Looking into it',
    shortcut: 'checking',
    text: "Thanks for your patience, I'm checking this with the details you gave. I'll be back within a few minutes.",
  },
  {
    title: 'Need more details',
    shortcut: 'details',
    text:
      'To look into this I need a little more: what were you trying to do, ' +
      'what did you expect, and what happened instead? A screenshot helps a lot.',
  },
  {
    title: 'Refund policy',
    shortcut: 'refund',
    text:
      'You can find our refund terms here: /help/refunds. ' +
      'If your case fits them, I can start the refund for you right now.',
  },
  {
    title: 'Reset password',
    shortcut: 'password',
    text:
      'You can reset your password from the sign-in page with "Forgot password?". ' +
      'The link in the email is valid for one hour. Guide: /help/login-password-2fa',
  },
  {
    title: 'Passing to a specialist',
    shortcut: 'escalate',
    text:
      "This needs one of our specialists. I've passed them everything you told me, " +
      "so you won't have to explain it again. They will reply here or by email.",
  },
  { title: 'Anything else?', shortcut: 'else', text: 'Is there anything else I can help you with today?' },
  {
    title: 'Closing',
    shortcut: 'bye',
    text: "Glad we could sort this out! I'll close this conversation now; just write here again if anything comes up.",
  },
];

const MARKER = 'demo_canned_replies_seeded';

/**
 * Seeds the demo's saved replies once per database: a marker row in `settings` makes it idempotent
 * across restarts and nodes, so a reply an admin deleted does not come back. A shortcut already
 * taken keeps the admin's reply. Returns how many were added.
 */
export async function seedDemoCannedReplies(db: Db): Promise<number> {
  return db.transaction(async (tx) => {
    const { rows } = await tx.query(
      `INSERT INTO settings (key, value) VALUES ($1, 'true'::jsonb) ON CONFLICT (key) DO NOTHING RETURNING key`,
      [MARKER],
    );
    if (rows.length === 0) return 0;
    let added = 0;
    for (const r of DEMO_CANNED_REPLIES) {
      const res = await tx.query(
        `INSERT INTO canned_responses (id, title, text, shortcut) VALUES ($1, ` +
          `$2, $3, $4) ON CONFLICT (shortcut) DO NOTHING RETURNING id`,
        [randomUUID(), r.title, r.text, r.shortcut],
      );
      added += res.rows.length;
    }
    return added;
  });
}
