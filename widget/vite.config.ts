import preact from '@preact/preset-vite';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import { splitBundle } from './split-bundle-plugin.js';
import { engineTransports } from './engine-transports-plugin.js';
import { socketClientTrim } from './socket-client-trim-plugin.js';

const here = (p: string): string => fileURLToPath(new URL(p, import.meta.url));

/**
 * The embeddable widget, in two files under dist/widget/ (each with .gz and .br copies):
 * - firstline.js, the loader, served as /widget.js: a classic script of a few KB (launcher, window
 *   API, route watcher, the stylesheet);
 * - firstline.d.ts, the types of window.Firstline, served as /widget.d.ts;
 * - chat-<hash>.js, an ES module served as /widget/chat-<hash>.js: Preact, signals,
 *   socket.io-client and the UI, imported by the loader when needed.
 */
export default defineConfig({
  plugins: [
    engineTransports(),
    socketClientTrim(),
    preact({ prefreshEnabled: false, devtoolsInProd: false }),
    splitBundle({ loader: 'firstline', chat: 'chat', placeholder: '__FIRSTLINE_CHAT_CHUNK__', chatPrefix: 'widget/' }),
    {
      // The window.Firstline types ship next to the loader (served as /widget.d.ts).
      name: 'firstline-types',
      apply: 'build',
      generateBundle() {
        this.emitFile({
          type: 'asset',
          fileName: 'firstline.d.ts',
          source: readFileSync(here('./firstline.d.ts'), 'utf8'),
        });
      },
    },
  ],
  // Preact and socket.io-client check NODE_ENV.
  define: { 'process.env.NODE_ENV': JSON.stringify('production') },
  // The widget speaks socket.io's and engine.io's text packets only: small parsers in their place.
  resolve: {
    alias: { 'socket.io-parser': here('./socket-text-parser.ts'), 'engine.io-parser': here('./engine-text-parser.ts') },
  },
  publicDir: false,
  build: {
    outDir: here('../dist/widget'),
    emptyOutDir: true,
    sourcemap: false,
    minify: true,
    modulePreload: false,
    copyPublicDir: false,
    reportCompressedSize: false,
    rollupOptions: {
      input: { firstline: here('./main.ts'), chat: here('./chat.tsx') },
      // The chat's createChat export is its interface to the loader.
      preserveEntrySignatures: 'strict',
      output: {
        format: 'es',
        entryFileNames: (chunk) => (chunk.name === 'firstline' ? 'firstline.js' : '[name]-[hash].js'),
        chunkFileNames: '[name]-[hash].js',
      },
    },
  },
});
