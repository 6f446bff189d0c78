import type { RichInline } from '../../protocol/rich-text.js';

/** Verbs that open task headings ("Update the billing email"): what follows is the thing being done. */
const TASK_VERBS = new Set(
  (
    'add cancel change configure connect create delete disable download edit enable export find get install ' +
    'invite manage move pay remove request reset resend restore rotate set sign turn update upgrade use'
  ).split(' '),
);

/**
 * What "it" stands for in a fragment taken from under this heading (or title): the object of a
 * task heading ("Update the billing email" -> "the billing email"), or a short noun heading
 * ("Two-factor authentication (2FA)"). Null when the heading is not a thing ("Troubleshooting",
 * "Can't log in"), or names several.
 */
export function subjectOf(heading: string | null): string | null {
  if (!heading || /[?'’:!]/.test(heading)) return null;
  const words = heading
    .replace(/\([^)]*\)/g, ' ')
    .trim()
    .split(/\s+/)
    .filter(Boolean);
  if (!words.length) return null;
  if (TASK_VERBS.has(words[0]!.toLowerCase())) {
    // Phrasal verbs: "Set up a webhook", "Turn on 2FA".
    const rest = words.slice(/^(up|on|off|in|out)$/i.test(words[1] ?? '') ? 2 : 1);
    if (!/^(the|your|a|an)$/i.test(rest[0] ?? '') || rest.some((w) => /^(and|or)$/i.test(w))) return null;
    return rest.join(' ');
  }
  if (
    words.length > 4 ||
    words.some((w) => /^(and|or|to|with|for)$/i.test(w)) ||
    (words.length === 1 && /ing$/i.test(words[0]!))
  )
    return null;
  return lowerFirst(words.join(' '));
}

/** Replaces the first standalone "it" of a sentence (not "it's") with the subject, keeping a capital at the start. */
export function resolveDanglingIt(line: readonly RichInline[], subject: string): RichInline[] {
  let done = false;
  return line.map((part, i) => {
    if (done || typeof part !== 'string') return part;
    const m = /\b[Ii]t\b(?!['’])/.exec(part);
    if (!m) return part;
    done = true;
    const atStart = i === 0 && !part.slice(0, m.index).trim();
    const word = atStart ? subject[0]!.toUpperCase() + subject.slice(1) : subject;
    return part.slice(0, m.index) + word + part.slice(m.index + 2);
  });
}

const lowerFirst = (s: string) => (/^[A-Z][a-z]/.test(s) ? s[0]!.toLowerCase() + s.slice(1) : s);
