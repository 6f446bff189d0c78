/**
 * Returns an absolute http(s) URL to use as a link target, or null when the URL must not become a
 * link (javascript:, data:, malformed...). Relative URLs resolve against `base` (the host page),
 * because knowledge articles usually point at the customer's own help pages.
 */
export function safeLinkHref(url: string | null | undefined, base: string): string | null {
  if (typeof url !== 'string') return null;
  const trimmed = url.trim();
  if (!trimmed || trimmed.length > 2048) return null;
  let parsed: URL;
  try {
    parsed = new URL(trimmed, base);
  } catch {
    return null;
  }
  // The URL parser already strips tabs/newlines ("java\nscript:"), so checking the parsed protocol is enough.
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') return null;
  // Credentials in a link are a phishing pattern ("https://bank.com@evil.com").
  if (parsed.username || parsed.password) return null;
  return parsed.href;
}
