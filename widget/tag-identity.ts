/**
 * The embedding tag's `data-user-*` attributes as `identify()` fields, for pages that cannot run
 * inline script: data-user-id, -name, -email, -plan, -account-value, -renewal-date, -hash
 * (userHash) and -jwt. `dataset` keys arrive camel-cased (`userAccountValue`). Null when there are none.
 */
export function identityFromTag(dataset: Record<string, string | undefined>): Record<string, string> | null {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(dataset)) {
    if (!/^user[A-Z]/.test(key) || value === undefined) continue;
    out[key === 'userHash' ? key : key[4]!.toLowerCase() + key.slice(5)] = value;
  }
  return Object.keys(out).length ? out : null;
}
