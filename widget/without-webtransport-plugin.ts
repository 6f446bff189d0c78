import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { Plugin } from 'vite';

const VIRTUAL = '\0firstline-engine-transports';

/**
 * engine.io-client registers WebSocket, HTTP long-polling and WebTransport by default. The server never
 * offers WebTransport (it needs HTTP/3), so its client code is dead weight in the chat chunk: this swaps
 * the transport table for one with only the two transports the server speaks.
 */
export function withoutWebTransport(): Plugin {
  const require = createRequire(import.meta.url);
  const transportsDir = join(dirname(require.resolve('engine.io-client/package.json')), 'build/esm/transports');
  return {
    name: 'firstline-without-webtransport',
    enforce: 'pre',
    resolveId(source, importer) {
      if (source === './transports/index.js' && importer?.includes('engine.io-client/build/esm/')) return VIRTUAL;
      return null;
    },
    load(id) {
      if (id !== VIRTUAL) return null;
      const ws = JSON.stringify(join(transportsDir, 'websocket.js'));
      const xhr = JSON.stringify(join(transportsDir, 'polling-xhr.js'));
      return `import { WS } from ${ws};\nimport { XHR } from ${xhr};\nexport const transports = { websocket: WS, polling: XHR };\n`;
    },
  };
}
