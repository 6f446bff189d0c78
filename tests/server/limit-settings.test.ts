import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../server/config.js';
import { createClientAddress, parseTrustProxy } from '../../server/limits/client-address.js';
import { DEFAULT_LIMITS, parseRateLimits } from '../../server/limits/limit-settings.js';

describe('RATE_LIMITS', () => {
  it('is on with the documented defaults unless turned off', () => {
    expect(loadConfig({}).rateLimits).toEqual({ enabled: true, rules: DEFAULT_LIMITS });
    expect(loadConfig({ RATE_LIMITS: 'off' }).rateLimits).toEqual({ enabled: false });
  });

  it('overrides single limits on top of the defaults', () => {
    const s = parseRateLimits('message.conversation=40/60, conversation.address=20/600');
    expect(s.enabled && s.rules['message.conversation']).toEqual({ points: 40, seconds: 60 });
    expect(s.enabled && s.rules['conversation.address']).toEqual({ points: 20, seconds: 600 });
    expect(s.enabled && s.rules['connect.address']).toEqual(DEFAULT_LIMITS['connect.address']);
  });

  it('stops the server with the variable named on a bad value', () => {
    expect(() => loadConfig({ RATE_LIMITS: 'messages=lots' })).toThrow(/RATE_LIMITS/);
    expect(() => loadConfig({ RATE_LIMITS: 'message.everything=1/1' })).toThrow(/unknown limit/);
    expect(() => loadConfig({ TRUST_PROXY: 'my-proxy' })).toThrow(/TRUST_PROXY/);
  });
});

describe('TRUST_PROXY: which address counts', () => {
  it('off: the peer address, whatever X-Forwarded-For claims', () => {
    const address = createClientAddress(parseTrustProxy(undefined));
    expect(address('::ffff:198.51.100.7', '1.2.3.4')).toBe('198.51.100.7');
  });

  it('a number of hops: that many proxies back along X-Forwarded-For', () => {
    expect(createClientAddress(parseTrustProxy('1'))('10.0.0.9', '1.2.3.4, 198.51.100.7')).toBe('198.51.100.7');
    expect(createClientAddress(parseTrustProxy('2'))('10.0.0.9', '1.2.3.4, 198.51.100.7, 10.0.0.8')).toBe(
      '198.51.100.7',
    );
    expect(createClientAddress(parseTrustProxy('1'))('10.0.0.9', undefined)).toBe('10.0.0.9');
  });

  it('a list: the nearest address that is not a trusted proxy', () => {
    const address = createClientAddress(parseTrustProxy('10.0.0.0/8, 127.0.0.1'));
    expect(address('127.0.0.1', '1.2.3.4, 198.51.100.7, 10.1.2.3')).toBe('198.51.100.7');
    expect(address('203.0.113.5', '1.2.3.4')).toBe('203.0.113.5'); // not from our proxy: the header is ignored
  });
});
