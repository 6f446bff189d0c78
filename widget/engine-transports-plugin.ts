import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Plugin } from 'vite';

const VIRTUAL = '\0firstline-engine-transports';

/**
 * engine.io-client registers WebSocket, XHR long-polling and WebTransport by default. The server never
 * offers WebTransport (it needs HTTP/3), and engine.io's own fetch()-based polling does what the XHR
 * one does in a quarter of the code, so the chat chunk carries WebSocket and fetch polling only:
 * - the transport table is swapped for one with those two;
 * - the XHR module is marked free of side effects (its only one is an unload hook that aborts XHR
 *   requests), so the re-export in engine.io-client's index no longer keeps it in the bundle;
 * - its URI parser (a large regular expression) is swapped for one on the browser's URL (parse-uri.ts).
 */
export function engineTransports(): Plugin {
  const require = createRequire(import.meta.url);
  const transportsDir = join(dirname(require.resolve('engine.io-client/package.json')), 'build/esm/transports');
  const parseUri = fileURLToPath(new URL('./parse-uri.ts', import.meta.url));
  return {
    name: 'firstline-engine-transports',
    enforce: 'pre',
    async resolveId(source, importer, options) {
      if (!importer?.includes('engine.io-client/build/esm/')) return null;
      if (source === './transports/index.js') return VIRTUAL;
      if (source === './contrib/parseuri.js') return parseUri;
      if (source.includes('polling-xhr')) {
        const resolved = await this.resolve(source, importer, { ...options, skipSelf: true });
        return resolved ? { ...resolved, moduleSideEffects: false } : null;
      }
      return null;
    },
    load(id) {
      if (id !== VIRTUAL) return null;
      const ws = JSON.stringify(join(transportsDir, 'websocket.js'));
      const fetchPolling = JSON.stringify(join(transportsDir, 'polling-fetch.js'));
      return (
        `import { WS } from ${ws};\nimport { Fetch } from ${fetchPolling};\nexport ` +
        `const transports = { websocket: WS, polling: Fetch };\n`
      );
    },
  };
}
