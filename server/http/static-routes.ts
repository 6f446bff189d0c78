import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Hono, type Context } from 'hono';
import { secureHeaders } from 'hono/secure-headers';
import { pageSecurityHeaders } from './page-security-headers.js';
import { sendPrecompressed } from './precompressed-file.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/json',
  '.map': 'application/json',
  '.ts': 'text/plain; charset=utf-8',
};
const DEMO_ROUTES = ['/', '/billing', '/billing/*', '/settings', '/settings/*', '/projects', '/projects/*'];

/**
 * The widget's loader (/widget.js) is short-cached and revalidated with its ETag: a new release reaches pages within
 * minutes.
 */
const LOADER_CACHE = 'public, max-age=300';
/** The chat chunk's name carries its content hash, so it never changes under that name. */
const CHUNK_CACHE = 'public, max-age=31536000, immutable';
const CHAT_CHUNK = /^chat-[A-Za-z0-9_-]+\.js$/;

/** Serves a file under `base`, refusing anything that escapes it, and source maps (they are not public). */
async function sendFile(c: Context, base: string, rel: string, cache: string): Promise<Response | null> {
  const file = path.resolve(base, `.${path.posix.normalize(`/${rel}`)}`);
  if (!file.startsWith(base + path.sep) || file.endsWith('.map')) return null;
  try {
    const body = await readFile(file);
    return c.body(body, 200, {
      'content-type': TYPES[path.extname(file)] ?? 'application/octet-stream',
      'cache-control': cache,
    });
  } catch {
    return null;
  }
}

const notBuilt = (c: Context, what: string) =>
  c.text(`The ${what} is not built yet. Run "npm run build" (npm start does it for you).`, 503);

/** The widget script, the console app and the demo host app. */
export function staticRoutes(opts: { root?: string } = {}) {
  const root = opts.root ?? ROOT;
  const dist = path.join(root, 'dist');
  const demo = path.join(root, 'demo');
  const consoleHeaders = pageSecurityHeaders({ frameAncestors: "'none'" });
  const demoHeaders = pageSecurityHeaders({ frameAncestors: "'self'" });
  // The widget script runs on customers' pages: only nosniff and a cross-origin resource policy.
  const scriptHeaders = secureHeaders({
    crossOriginEmbedderPolicy: false,
    crossOriginResourcePolicy: 'cross-origin',
    crossOriginOpenerPolicy: false,
    xFrameOptions: false,
  });
  const widgetDir = path.join(dist, 'widget');
  const js = TYPES['.js']!;
  const app = new Hono()
    .get(
      '/widget.js',
      scriptHeaders,
      async (c) =>
        (await sendPrecompressed(c, path.join(widgetDir, 'firstline.js'), {
          contentType: js,
          cacheControl: LOADER_CACHE,
        })) ?? notBuilt(c, 'widget'),
    )
    // The window.Firstline API's types, for host apps written in TypeScript (widget/firstline.d.ts).
    .get(
      '/widget.d.ts',
      scriptHeaders,
      async (c) => (await sendFile(c, widgetDir, 'firstline.d.ts', LOADER_CACHE)) ?? notBuilt(c, 'widget'),
    )
    .get('/widget/:file', scriptHeaders, async (c) => {
      const name = c.req.param('file');
      if (!CHAT_CHUNK.test(name)) return c.notFound();
      // The loader imports this as a module, which is a CORS request when the host page is on another
      // origin. It is public code fetched without credentials, so any origin may read it.
      const headers = { 'access-control-allow-origin': '*' };
      return (
        (await sendPrecompressed(c, path.join(widgetDir, name), {
          contentType: js,
          cacheControl: CHUNK_CACHE,
          headers,
        })) ?? c.notFound()
      );
    })
    .get('/console/assets/*', consoleHeaders, async (c) => {
      const rel = c.req.path.slice('/console/'.length);
      return (
        (await sendFile(c, path.join(dist, 'console'), rel, 'public, max-age=31536000, immutable')) ?? c.notFound()
      );
    })
    .get(
      '/console',
      consoleHeaders,
      async (c) => (await sendFile(c, path.join(dist, 'console'), 'index.html', 'no-cache')) ?? notBuilt(c, 'console'),
    )
    .get('/console/*', consoleHeaders, async (c) => {
      const rel = c.req.path.slice('/console/'.length);
      const asset = path.extname(rel) ? await sendFile(c, path.join(dist, 'console'), rel, 'no-cache') : null;
      return (
        asset ?? (await sendFile(c, path.join(dist, 'console'), 'index.html', 'no-cache')) ?? notBuilt(c, 'console')
      );
    })
    .get(
      '/demo/*',
      demoHeaders,
      async (c) => (await sendFile(c, demo, c.req.path.slice('/demo/'.length), 'no-cache')) ?? c.notFound(),
    );
  for (const route of DEMO_ROUTES) {
    app.get(route, demoHeaders, async (c) => (await sendFile(c, demo, 'index.html', 'no-cache')) ?? c.notFound());
  }
  return app;
}
