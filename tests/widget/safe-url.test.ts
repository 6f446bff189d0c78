import { describe, expect, it } from 'vitest';
import { safeLinkHref } from '../../widget/safe-url.js';

const base = 'https://app.example.com/settings/integrations';

describe('citation links', () => {
  it('allows http(s) and relative URLs, resolved against the host page', () => {
    expect(safeLinkHref('https://help.example.com/a?b=1#c', base)).toBe('https://help.example.com/a?b=1#c');
    expect(safeLinkHref('http://help.example.com/a', base)).toBe('http://help.example.com/a');
    expect(safeLinkHref('/docs/slack', base)).toBe('https://app.example.com/docs/slack');
    expect(safeLinkHref('slack', base)).toBe('https://app.example.com/settings/slack');
    expect(safeLinkHref('//cdn.example.com/x', base)).toBe('https://cdn.example.com/x');
  });

  it.each([
    'javascript:alert(1)',
    'JaVaScRiPt:alert(1)',
    '  javascript:alert(1)',
    'java\nscript:alert(1)',
    'java\tscript:alert(1)',
    '\u0000javascript:alert(1)',
    'data:text/html,<script>alert(1)</script>',
    'vbscript:msgbox(1)',
    'file:///etc/passwd',
    'mailto:a@b.c',
    'https://user:pass@evil.example.com/',
    'http://[::1',
    '',
    '   ',
  ])('refuses %j', (url) => {
    expect(safeLinkHref(url, base)).toBeNull();
  });

  it('refuses non-strings and missing URLs', () => {
    expect(safeLinkHref(null, base)).toBeNull();
    expect(safeLinkHref(undefined, base)).toBeNull();
    expect(safeLinkHref(42 as unknown as string, base)).toBeNull();
  });
});
