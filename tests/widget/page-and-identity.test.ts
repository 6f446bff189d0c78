import { afterEach, describe, expect, it, vi } from 'vitest';
import { LIMITS } from '../../protocol/limits.js';
import { PageInfo, VisitorIdentity } from '../../protocol/domain.js';
import { normalizeIdentity } from '../../widget/identity.js';
import { buildPageInfo } from '../../widget/page-info.js';
import { normalizeContext } from '../../widget/host-context.js';
import { PAGE_CONTEXT_BOUNDS } from '../../protocol/page-context-bounds.js';
import { formatQueueStatus } from '../../widget/queue-text.js';
import { resolveScriptConfig } from '../../widget/script-config.js';

afterEach(() => vi.restoreAllMocks());

describe('page context', () => {
  it('keeps plain JSON objects and strips what JSON cannot carry', () => {
    expect(
      normalizeContext({ feature: 'integrations', errorState: 'slack_auth_failed', fn: () => 1, u: undefined }),
    ).toEqual({
      feature: 'integrations',
      errorState: 'slack_auth_failed',
    });
  });

  it('drops (with a warning) what the server would reject, instead of failing the chat', () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    expect(normalizeContext(cyclic)).toBeUndefined();
    expect(normalizeContext({ big: 'x'.repeat(PAGE_CONTEXT_BOUNDS.maxBytes) })).toBeUndefined();
    expect(normalizeContext(['a'])).toBeUndefined();
    expect(normalizeContext('feature')).toBeUndefined();
    // Deeper than the server's nesting bound: refused there, so dropped here.
    let deep: unknown = 'leaf';
    for (let i = 0; i <= PAGE_CONTEXT_BOUNDS.maxDepth; i++) deep = { d: deep };
    expect(normalizeContext(deep)).toBeUndefined();
    expect(normalizeContext({ many: Array.from({ length: PAGE_CONTEXT_BOUNDS.maxNodes }, () => 0) })).toBeUndefined();
    expect(warn).toHaveBeenCalledTimes(6);
    expect(normalizeContext(null)).toBeUndefined();
    expect(normalizeContext({})).toBeUndefined();
  });

  it('keeps a context exactly at the nesting bound, which the server accepts', () => {
    let deep: unknown = 'leaf';
    for (let i = 0; i < PAGE_CONTEXT_BOUNDS.maxDepth; i++) deep = { d: deep };
    const context = normalizeContext(deep);
    expect(context).toEqual(deep);
    expect(PageInfo.safeParse({ url: 'https://a.example/', title: '', context }).success).toBe(true);
  });

  it('builds page info the server schema accepts, truncating long URLs and titles', () => {
    const page = buildPageInfo('https://a.example/' + 'p'.repeat(5000), 'T'.repeat(1000), { feature: 'billing' });
    expect(page.url.length).toBe(LIMITS.pageUrl);
    expect(page.title.length).toBe(LIMITS.pageTitle);
    expect(PageInfo.safeParse(page).success).toBe(true);
    expect(buildPageInfo('https://a.example/', '', undefined)).toEqual({ url: 'https://a.example/', title: '' });
  });
});

describe('identity', () => {
  it('keeps valid fields and coerces unambiguous ones', () => {
    const out = normalizeIdentity({
      id: 42,
      name: ' Dana Demo ',
      email: 'dana@example.com',
      plan: 'business',
      accountValue: '12000',
      renewalDate: new Date('2026-03-01T00:00:00Z'),
      extra: 'ignored',
    });
    expect(out).toEqual({
      id: '42',
      name: 'Dana Demo',
      email: 'dana@example.com',
      plan: 'business',
      accountValue: 12000,
      renewalDate: '2026-03-01',
    });
    expect(VisitorIdentity.safeParse(out).success).toBe(true);
  });

  it('drops fields the server would refuse', () => {
    expect(normalizeIdentity({ accountValue: -5, name: '', email: { x: 1 }, plan: null })).toEqual({});
    expect(normalizeIdentity({ accountValue: Number.NaN })).toEqual({});
    expect(normalizeIdentity('dana')).toEqual({});
    expect(normalizeIdentity({ name: 'n'.repeat(1000) }).name!.length).toBe(LIMITS.visitorName);
  });
});

describe('script config', () => {
  const page = 'https://customer.example/app';
  it('derives the server from the script src', () => {
    expect(
      resolveScriptConfig({ src: 'https://support.example.com/widget.js', server: null, title: null }, page),
    ).toEqual({
      serverUrl: 'https://support.example.com',
      title: 'Support',
    });
  });
  it('lets data-server override, and falls back to the page origin', () => {
    expect(
      resolveScriptConfig(
        { src: 'https://cdn.example/w.js', server: 'https://chat.example:8443/x', title: 'Help' },
        page,
      ),
    ).toEqual({
      serverUrl: 'https://chat.example:8443',
      title: 'Help',
    });
    expect(resolveScriptConfig({ src: null, server: null, title: null }, page).serverUrl).toBe(
      'https://customer.example',
    );
    expect(resolveScriptConfig({ src: '/widget.js', server: 'javascript:alert(1)', title: null }, page).serverUrl).toBe(
      'https://customer.example',
    );
  });
});

describe('queue status text', () => {
  it('says position and minutes, never "0 min"', () => {
    expect(formatQueueStatus({ position: 2, etaSeconds: 150 })).toBe(
      "You've been handed to our team — position 2 in queue, about 3 min",
    );
    expect(formatQueueStatus({ position: 1, etaSeconds: 0 })).toContain('position 1 in queue, about 1 min');
  });
  it('promises no position or wait when nobody is online', () => {
    const text = formatQueueStatus({ position: 6, etaSeconds: 1440, agentsOnline: 0 });
    expect(text).not.toMatch(/position|min/);
    expect(text).toMatch(/Nobody is available right now/);
    expect(formatQueueStatus({ position: 6, etaSeconds: 1440, agentsOnline: 2 })).toContain(
      'position 6 in queue, about 24 min',
    );
  });
});
