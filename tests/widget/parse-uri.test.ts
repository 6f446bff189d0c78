import { describe, expect, it } from 'vitest';
// engine.io-client's own parser, which the widget build replaces with widget/parse-uri.ts.
import { parse as engineParse } from 'engine.io-client';
import { parse } from '../../widget/parse-uri.js';

const uris = [
  'http://localhost:3000',
  'https://support.example.com/visitor',
  'http://127.0.0.1:8080/visitor?lang=de&x=1',
  'wss://chat.example.com:8443/socket.io/',
  'http://[::1]:3000/visitor',
  'example.com:4000',
];

describe('the widget socket URI parser', () => {
  it.each(uris)('reads %s as socket.io and engine.io expect', (uri) => {
    const ours = parse(uri);
    const theirs = engineParse(/^\w+:\/\//.test(uri) ? uri : `http://${uri}`);
    expect(ours.host).toBe(theirs.host);
    expect(ours.protocol).toBe(theirs.protocol || 'http');
    expect(ours.query).toBe(theirs.query);
    expect(ours.queryKey).toEqual(theirs.queryKey);
    expect(ours.path.replace(/^\/$/, '')).toBe(theirs.path.replace(/^\/$/, ''));
    if (theirs.port) expect(ours.port).toBe(theirs.port);
    expect(ours.source).toBe(uri);
  });

  it("gives a URL without a port its scheme's default, so a cross-origin chat never gets the host page's port", () => {
    expect(parse('https://support.example.com').port).toBe('443');
    expect(parse('wss://support.example.com').port).toBe('443');
    expect(parse('http://support.example.com').port).toBe('80');
  });
});
