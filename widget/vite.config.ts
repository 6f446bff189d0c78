import preact from '@preact/preset-vite';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const here = (p: string): string => fileURLToPath(new URL(p, import.meta.url));

/**
 * The embeddable widget: one self-contained IIFE (Preact, signals, socket.io-client and the CSS as
 * a string for the shadow root), served by the server as /widget.js.
 */
export default defineConfig({
  plugins: [preact({ prefreshEnabled: false, devtoolsInProd: false })],
  // Library mode leaves process.env alone; Preact and socket.io-client check NODE_ENV.
  define: { 'process.env.NODE_ENV': JSON.stringify('production') },
  publicDir: false,
  build: {
    outDir: here('../dist/widget'),
    emptyOutDir: true,
    sourcemap: false,
    minify: true,
    lib: {
      entry: here('./main.tsx'),
      formats: ['iife'],
      name: 'FirstlineWidget',
      fileName: () => 'firstline.js',
    },
  },
});
