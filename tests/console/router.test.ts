import { describe, expect, it } from 'vitest';
import { hrefFor, isAdminRoute, parseRoute, type Route } from '../../console/lib/router.js';

describe('router', () => {
  it.each([
    ['/console', { name: 'queue' }],
    ['/console/', { name: 'queue' }],
    ['/console/queue', { name: 'queue' }],
    ['/console/queue/', { name: 'queue' }],
    ['/console/c/abc-123', { name: 'conversation', id: 'abc-123' }],
    ['/console/c/a%2Fb', { name: 'conversation', id: 'a/b' }],
    ['/console/knowledge', { name: 'knowledge' }],
    ['/console/agents', { name: 'agents' }],
    ['/console/analytics?x=1', { name: 'analytics' }],
    ['/console/search?q=refund', { name: 'search' }],
  ] as Array<[string, Route]>)('parses %s', (path, route) => {
    expect(parseRoute(path)).toEqual(route);
  });

  it.each(['/console/c', '/console/c/', '/console/c/a/b', '/console/nope', '/console/c/%E0%A4%A'])(
    '%s is not found',
    (path) => {
      expect(parseRoute(path).name).toBe('not-found');
    },
  );

  it('round-trips every route', () => {
    const routes: Route[] = [
      { name: 'queue' },
      { name: 'conversation', id: 'id with spaces/and?marks' },
      { name: 'knowledge' },
      { name: 'agents' },
      { name: 'analytics' },
    ];
    for (const r of routes) expect(parseRoute(hrefFor(r))).toEqual(r);
  });

  it('marks admin-only routes', () => {
    expect(isAdminRoute({ name: 'knowledge' })).toBe(true);
    expect(isAdminRoute({ name: 'conversation', id: 'x' })).toBe(false);
  });
});
