/**
 * `npm run build` (and so `npm start`) compiles the server to plain JavaScript in dist/server/:
 * main.js and pglite-worker.js, with node_modules left as imports. Running TypeScript through tsx
 * costs an idle server ~35 MB more (tsx's loader thread, in the server and again in the database
 * worker) and a transform of every file at start.
 *
 * Each module keeps its own location: `import.meta.url` becomes the URL of its source file, so the
 * files beside it (migrations, demo articles, the default intents, the built front ends) are found
 * as they are from source. A worker entry (`new URL('./x.ts', import.meta.url)` naming one of
 * WORKERS) becomes the compiled worker next to the bundle instead.
 */
import { build, type Plugin } from 'esbuild';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const DEFAULT_SERVER_OUTDIR = path.join(ROOT, 'dist', 'server');

/** Entry points, as output name -> source. */
const ENTRIES = { main: 'server/main.ts', 'pglite-worker': 'server/db/pglite-worker.ts' } as const;
/** Sources started as worker threads, by their compiled name. */
const WORKERS = new Map([[path.join(ROOT, ENTRIES['pglite-worker']), 'pglite-worker.js']]);

const WORKER_URL = /new URL\((['"])(\.{1,2}\/[\w./-]+\.ts)\1, import\.meta\.url\)/g;
const KEEP = '__FIRSTLINE_BUNDLE_URL__';

/** Rewrites import.meta.url as described above; anything else about a module is left to esbuild. */
function sourceLocations(): Plugin {
  return {
    name: 'source-locations',
    setup(b) {
      b.onLoad({ filter: /\.ts$/ }, async (args) => {
        if (args.path.includes(`${path.sep}node_modules${path.sep}`)) return undefined;
        const source = await readFile(args.path, 'utf8');
        const contents = source
          .replace(WORKER_URL, (whole, _q: string, rel: string) => {
            const compiled = WORKERS.get(path.resolve(path.dirname(args.path), rel));
            return compiled ? `new URL(${JSON.stringify(`./${compiled}`)}, ${KEEP})` : whole;
          })
          .replaceAll('import.meta.url', JSON.stringify(pathToFileURL(args.path).href))
          .replaceAll(KEEP, 'import.meta.url');
        return { contents, loader: 'ts' };
      });
    },
  };
}

export async function bundleServer(outdir = DEFAULT_SERVER_OUTDIR): Promise<string[]> {
  const result = await build({
    absWorkingDir: ROOT,
    entryPoints: Object.fromEntries(Object.entries(ENTRIES).map(([out, src]) => [out, path.join(ROOT, src)])),
    outdir,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    sourcemap: 'linked',
    logLevel: 'warning',
    plugins: [sourceLocations()],
    metafile: true,
  });
  return Object.keys(result.metafile.outputs).filter((f) => f.endsWith('.js'));
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const files = await bundleServer(process.argv[2] ? path.resolve(process.argv[2]) : undefined);
  console.log(`server compiled: ${files.join(', ')}`);
}
