/**
 * Whether a visitor's page matches an article's `pages` patterns. Patterns are URL paths with
 * globs: `*` matches within one path segment, `**` across segments (`/billing/*`,
 * `/settings/integrations`, `/docs/**`). Query strings, fragments and hosts are ignored.
 */
export function pageMatches(patterns: readonly string[], pageUrl: string | undefined | null): boolean {
  if (!pageUrl || patterns.length === 0) return false;
  const path = pathOf(pageUrl);
  if (path === null) return false;
  return patterns.some((p) => {
    const patternPath = pathOf(p);
    return patternPath !== null && globToRegExp(patternPath).test(path);
  });
}

function pathOf(urlOrPath: string): string | null {
  try {
    const { pathname } = new URL(urlOrPath.trim(), 'http://firstline.invalid');
    const decoded = decodeURI(pathname);
    // "/billing/" and "/billing" are the same page.
    return decoded.length > 1 ? decoded.replace(/\/+$/, '') : decoded;
  } catch {
    return null;
  }
}

const cache = new Map<string, RegExp>();

function globToRegExp(glob: string): RegExp {
  let re = cache.get(glob);
  if (re) return re;
  let src = '';
  for (let i = 0; i < glob.length; i++) {
    const ch = glob[i]!;
    if (ch === '*' && glob[i + 1] === '*') {
      src += '.*';
      i++;
    } else if (ch === '*') src += '[^/]*';
    else src += ch.replace(/[.+?^${}()|[\]\\]/g, '\\$&');
  }
  re = new RegExp(`^${src}$`, 'i');
  if (cache.size < 1000) cache.set(glob, re);
  return re;
}
