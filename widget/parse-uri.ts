/**
 * engine.io-client's `parse` (its copy of parseuri, a 1.5 KB regular expression) for the fields that
 * engine.io-client and socket.io-client read: source, protocol, host, port, path, query, queryKey.
 * The browser's URL parser does the work. One deliberate difference: a URL without a port gets its
 * scheme's default ("443" for https) instead of "", so engine.io never falls back to the host page's
 * own port for a chat server on another origin.
 */
export interface ParsedUri {
  source: string;
  protocol: string;
  host: string;
  port: string;
  path: string;
  query: string;
  queryKey: Record<string, string>;
}

export function parse(str: string): ParsedUri {
  // engine.io also parses a bare `opts.host` ("example.com:4000").
  const url = new URL(/^[a-z][a-z\d+.-]*:\/\//i.test(str) ? str : `http://${str}`);
  const protocol = url.protocol.slice(0, -1);
  const queryKey: Record<string, string> = {};
  for (const [k, v] of url.searchParams) if (k) queryKey[k] = v;
  return {
    source: str,
    protocol,
    host: url.hostname.replace(/^\[(.*)\]$/, '$1'),
    port: url.port || (/s$/.test(protocol) ? '443' : '80'),
    path: url.pathname,
    query: url.search.slice(1),
    queryKey,
  };
}
