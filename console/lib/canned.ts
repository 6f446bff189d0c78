// Pure canned-response matching for the reply box: "/ref" at the start of a word opens the picker.
import type { CannedResponse } from '../api/types.js';

/** The "/word" being typed at the caret, or null. `start` is where the slash is. */
export function slashQuery(text: string, caret: number = text.length): { query: string; start: number } | null {
  const before = text.slice(0, caret);
  const m = /(^|\s)\/([\w-]*)$/.exec(before);
  if (!m) return null;
  return { query: m[2]!.toLowerCase(), start: before.length - m[2]!.length - 1 };
}

/** Shortcut prefix matches first, then title or text containing the query; at most `limit`. */
export function matchCanned(list: readonly CannedResponse[], query: string, limit = 8): CannedResponse[] {
  const q = query.trim().toLowerCase();
  if (!q) return list.slice(0, limit);
  const scored: Array<{ c: CannedResponse; score: number }> = [];
  for (const c of list) {
    const sc = (c.shortcut ?? '').toLowerCase();
    const title = c.title.toLowerCase();
    let score = 0;
    if (sc === q) score = 4;
    else if (sc.startsWith(q)) score = 3;
    else if (title.startsWith(q)) score = 2;
    else if (title.includes(q) || c.text.toLowerCase().includes(q)) score = 1;
    if (score > 0) scored.push({ c, score });
  }
  return scored
    .sort((a, b) => b.score - a.score || a.c.title.localeCompare(b.c.title))
    .slice(0, limit)
    .map((s) => s.c);
}

/** Replaces the "/query" at `start..caret` with the response text; returns the new text and caret. */
export function insertCanned(
  text: string,
  start: number,
  caret: number,
  canned: CannedResponse,
): { text: string; caret: number } {
  const next = text.slice(0, start) + canned.text + text.slice(caret);
  return { text: next, caret: start + canned.text.length };
}
