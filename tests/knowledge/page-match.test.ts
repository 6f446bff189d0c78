import { describe, expect, it } from 'vitest';
import { pageMatches } from '../../knowledge/page-match.js';

describe('pageMatches', () => {
  it('matches exact paths and single-segment globs, ignoring host, query and trailing slash', () => {
    const billing = ['/billing', '/billing/*'];
    expect(pageMatches(billing, '/billing')).toBe(true);
    expect(pageMatches(billing, 'https://app.example.com/billing/invoices?tab=2#x')).toBe(true);
    expect(pageMatches(billing, '/billing/')).toBe(true);
    expect(pageMatches(billing, '/billing/invoices/42')).toBe(false);
    expect(pageMatches(billing, '/billingx')).toBe(false);
    expect(pageMatches(['/settings/integrations'], '/settings/integrations')).toBe(true);
    expect(pageMatches(['/docs/**'], '/docs/a/b/c')).toBe(true);
  });

  it('treats regex characters literally and tolerates missing input', () => {
    expect(pageMatches(['/a.b'], '/axb')).toBe(false);
    expect(pageMatches(['/a.b'], '/a.b')).toBe(true);
    expect(pageMatches([], '/billing')).toBe(false);
    expect(pageMatches(['/billing'], undefined)).toBe(false);
  });
});
