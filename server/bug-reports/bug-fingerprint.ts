const STOP = new Set(
  (
    'a an the i we you it is are was be to of in on for and or my our your this that with when ' +
    'can cant cannot not does doesnt dont do please help hi hello there still again get got just'
  ).split(' '),
);

export function keyTokens(text: string): string[] {
  return [
    ...new Set(
      text
        .toLowerCase()
        .replace(/[^a-z0-9\s]/g, ' ')
        .split(/\s+/)
        .filter((t) => t.length > 2 && !STOP.has(t)),
    ),
  ];
}

/** Same page and error state, or much the same words, is the same bug: merged and counted. */
export function bugFingerprint(r: { title: string; pageUrl: string | null; errorState: string | null }): string {
  if (r.errorState) return `state:${r.pageUrl ?? ''}|${r.errorState.toLowerCase()}`;
  return `words:${r.pageUrl ?? ''}|${keyTokens(r.title).sort().slice(0, 8).join(' ')}`;
}

export function similarity(a: string, b: string): number {
  const x = new Set(keyTokens(a));
  const y = new Set(keyTokens(b));
  let shared = 0;
  for (const t of x) if (y.has(t)) shared++;
  return shared / Math.max(1, x.size + y.size - shared);
}
