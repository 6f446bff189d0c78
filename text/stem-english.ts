/**
 * A light English suffix stripper (a small subset of Porter's rules). It only has to map the
 * inflections that appear in support questions onto one key ("changing", "changed", "changes"
 * -> "chang"); it does not need to produce real words.
 */
export function stemEnglish(word: string): string {
  let w = word;
  if (w.length <= 3) return w;
  if (w.endsWith("'s")) w = w.slice(0, -2);
  if (w.endsWith('sses')) w = w.slice(0, -2);
  else if (w.endsWith('ies') && w.length > 4) w = `${w.slice(0, -3)}y`;
  else if (w.endsWith('s') && !/(ss|us|is)$/.test(w) && w.length > 3) w = w.slice(0, -1);

  for (const suffix of [
    'ations',
    'ation',
    'ingly',
    'ings',
    'ing',
    'edly',
    'ed',
    'ly',
    'ment',
    'ness',
    'able',
    'ible',
  ]) {
    if (w.endsWith(suffix) && w.length - suffix.length >= 3) {
      w = w.slice(0, -suffix.length);
      break;
    }
  }
  w = undouble(w);
  if (w.endsWith('e') && w.length > 4) w = w.slice(0, -1);
  if (w.endsWith('y') && w.length > 4) w = `${w.slice(0, -1)}i`;
  return w;
}

/** "cancell" -> "cancel", "runn" -> "run"; applied to every word so "install" and "installed" still agree. */
function undouble(w: string): string {
  return w.length > 3 && /([bdfgklmnprstz])\1$/.test(w) ? w.slice(0, -1) : w;
}
