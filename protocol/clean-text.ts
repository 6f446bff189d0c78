import { z } from 'zod';

// A surrogate pair is kept whole; a lone surrogate or a NUL is removed. No lookbehind, so the
// widget's bundle still parses in older browsers.
const UNSAFE = /[\uD800-\uDBFF][\uDC00-\uDFFF]|[\uD800-\uDFFF]|\u0000/g;

/**
 * Removes what PostgreSQL `text`/`jsonb` cannot hold (NUL) and what is not valid Unicode (lone
 * UTF-16 surrogates, which also fail as UTF-8 and in `jsonb`), so a message is never lost, and a
 * stored name never breaks later writes, because of such characters.
 */
export function cleanText(s: string): string {
  return s.replace(UNSAFE, (m) => (m.length === 2 ? m : ''));
}

/** The string schema for everything a client sends: cleaned first, so `trim`/`min`/`max` see the stored value. */
export const text = () => z.string().overwrite(cleanText);
