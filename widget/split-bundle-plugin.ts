import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import type { Plugin } from 'vite';

export interface SplitBundleOptions {
  /** Entry name of the loader (a classic script); written as `<loader>.js`. */
  loader: string;
  /** Entry name of the chat chunk (an ES module, content-hashed). */
  chat: string;
  /** The string in the loader replaced by the chat chunk's path relative to the loader's URL. */
  placeholder: string;
  /** Where the server serves the chunk relative to the loader ("widget/" for /widget.js -> /widget/chat-*.js). */
  chatPrefix: string;
}

/**
 * Turns a two-entry ES build into what a host page can embed: checks that the loader and the chat
 * share no module (a shared chunk would mean a static `import` in a classic script, and a second
 * copy of code if built apart), writes the chat's hashed name into the loader, wraps the loader in
 * a function so it leaks no globals (with V8's compile hint, see below; the chat carries it too), and writes gzip and
 * brotli copies of each file next to it for the server to pick by Accept-Encoding.
 */
export function splitBundle({ loader, chat, placeholder, chatPrefix }: SplitBundleOptions): Plugin {
  return {
    name: 'firstline-split-bundle',
    enforce: 'post',
    apply: 'build',
    generateBundle(_options, bundle) {
      const chunks = Object.values(bundle).filter((o) => o.type === 'chunk');
      const loaderChunk = chunks.find((c) => c.isEntry && c.name === loader);
      const chatChunk = chunks.find((c) => c.isEntry && c.name === chat);
      if (!loaderChunk || !chatChunk) this.error(`expected entries "${loader}" and "${chat}" in the widget build`);
      const extra = chunks
        .filter((c) => c !== loaderChunk && c !== chatChunk)
        .map((c) => `${c.fileName} (${c.moduleIds.join(', ')})`);
      if (extra.length || loaderChunk.imports.length || chatChunk.imports.length) {
        this.error(
          `the widget loader and chat must share no module, but the build made shared chunks: ` +
            `${extra.join('; ') || loaderChunk.imports.join(', ')}. ` +
            ('Pass what the chat needs from the loader as arguments ' +
              'to createChat instead of importing it on both sides.'),
        );
      }
      if (!loaderChunk.code.includes(placeholder)) this.error(`the loader lost its ${placeholder} marker`);
      // The compile hint has V8 compile every function of the loader while the file streams in, on a
      // background thread, instead of one by one on the host page's main thread as they first run
      // (nearly all of them run at boot).
      loaderChunk.code =
        `//# allFunctionsCalledOnLoad\n(()=>{` +
        `${loaderChunk.code.replaceAll(placeholder, chatPrefix + chatChunk.fileName)}})();\n`;
      // The chat too: most of what a first open runs (createChat, the models, socket.io's connect,
      // the panel's render) would otherwise compile on the main thread between the chunk's arrival
      // and the socket's namespace connect, the last step of click-to-interactive before the server's
      // answer (issue #13: about 30 ms less from a cold click on the bench's Fast-3G link).
      chatChunk.code = `//# allFunctionsCalledOnLoad\n${chatChunk.code}`;

      for (const chunk of [loaderChunk, chatChunk]) {
        const source = Buffer.from(chunk.code);
        this.emitFile({ type: 'asset', fileName: `${chunk.fileName}.gz`, source: gzipSync(source, { level: 9 }) });
        this.emitFile({
          type: 'asset',
          fileName: `${chunk.fileName}.br`,
          source: brotliCompressSync(source, {
            params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: source.length },
          }),
        });
      }
    },
  };
}
