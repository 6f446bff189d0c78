// Builds the console into dist/console/, served by the server at /console (SPA fallback to index.html).
import { fileURLToPath } from 'node:url';
import preact from '@preact/preset-vite';
import { defineConfig } from 'vite';

const root = fileURLToPath(new URL('.', import.meta.url));
const target = process.env.FIRSTLINE_URL ?? 'http://localhost:3000';

export default defineConfig({
  root,
  base: '/console/',
  plugins: [preact()],
  build: {
    outDir: fileURLToPath(new URL('../dist/console/', import.meta.url)),
    emptyOutDir: true,
    target: 'es2022',
    // Source maps are not published (they were 659 KB of readable source); build locally to debug.
    sourcemap: false,
  },
  // `vite --config console/vite.config.ts` for live editing against a running server.
  server: {
    proxy: {
      '/api': target,
      '/socket.io': { target, ws: true },
    },
  },
});
