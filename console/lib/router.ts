// Pure route parsing for the console's path router (mounted under /console).
export type Route =
  | { name: 'queue' }
  | { name: 'conversation'; id: string }
  | { name: 'knowledge' }
  | { name: 'agents' }
  | { name: 'analytics' }
  | { name: 'intents' }
  | { name: 'canned' }
  | { name: 'webhooks' }
  | { name: 'conversation-tests' }
  | { name: 'search' }
  | { name: 'not-found'; path: string };

export const BASE = '/console';

function decode(part: string): string | null {
  try {
    return decodeURIComponent(part);
  } catch {
    return null;
  }
}

export function parseRoute(pathname: string, base: string = BASE): Route {
  let path = pathname.split(/[?#]/)[0] ?? '';
  if (path === base || path.startsWith(base + '/')) path = path.slice(base.length);
  const parts = path.split('/').filter(Boolean);
  const [head, second, ...rest] = parts;
  if (parts.length === 0 || (head === 'queue' && parts.length === 1)) return { name: 'queue' };
  if (head === 'c' && second && rest.length === 0) {
    const id = decode(second);
    if (id) return { name: 'conversation', id };
  }
  if (parts.length === 1 && (head === 'knowledge' || head === 'agents' || head === 'analytics' || head === 'intents'))
    return { name: head };
  if (parts.length === 1 && (head === 'canned' || head === 'webhooks')) return { name: head };
  if (parts.length === 1 && head === 'tests') return { name: 'conversation-tests' };
  if (parts.length === 1 && head === 'search') return { name: 'search' };
  return { name: 'not-found', path: pathname };
}

export function hrefFor(route: Route, base: string = BASE): string {
  switch (route.name) {
    case 'queue':
      return `${base}/queue`;
    case 'conversation':
      return `${base}/c/${encodeURIComponent(route.id)}`;
    case 'knowledge':
    case 'agents':
    case 'analytics':
    case 'intents':
    case 'canned':
    case 'webhooks':
    case 'search':
      return `${base}/${route.name}`;
    case 'conversation-tests':
      return `${base}/tests`;
    case 'not-found':
      return route.path;
  }
}

/** Routes only admins may open; the server enforces it too, this just avoids a useless screen. */
export function isAdminRoute(route: Route): boolean {
  return (
    route.name === 'knowledge' ||
    route.name === 'agents' ||
    route.name === 'analytics' ||
    route.name === 'intents' ||
    route.name === 'webhooks' ||
    route.name === 'conversation-tests'
  );
}
