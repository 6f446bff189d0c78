import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Hono, type Context } from 'hono';
import { secureHeaders } from 'hono/secure-headers';

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
};
const DEMO_ROUTES = ['/', '/billing', '/billing/*', '/settings', '/settings/*', '/projects', '/projects/*'];

/** Serves a file under `base`, refusing anything that escapes it. */
async function sendFile(c: Context, base: string, rel: string, cache: string): Promise<Response | null> {
  const file = path.resolve(base, `.${path.posix.normalize(`/${rel}`)}`);
  if (!file.startsWith(base + path.sep)) return null;
  try {
    const body = await readFile(file);
    return c.body(body, 200, { 'content-type': TYPES[path.extname(file)] ?? 'application/octet-stream', 'cache-control': cache });
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
  const pageHeaders = secureHeaders({ crossOriginEmbedderPolicy: false });
  const app = new Hono()
    .get('/widget.js', async (c) => {
      const res = await sendFile(c, path.join(dist, 'widget'), 'firstline.js', 'public, max-age=300');
      if (!res) return notBuilt(c, 'widget');
      // Loaded by customers' pages on other origins.
      res.headers.set('cross-origin-resource-policy', 'cross-origin');
      return res;
    })
    .get('/console/assets/*', pageHeaders, async (c) => {
      const rel = c.req.path.slice('/console/'.length);
      return (await sendFile(c, path.join(dist, 'console'), rel, 'public, max-age=31536000, immutable')) ?? c.notFound();
    })
    .get('/console', pageHeaders, async (c) => (await sendFile(c, path.join(dist, 'console'), 'index.html', 'no-cache')) ?? notBuilt(c, 'console'))
    .get('/console/*', pageHeaders, async (c) => {
      const rel = c.req.path.slice('/console/'.length);
      const asset = path.extname(rel) ? await sendFile(c, path.join(dist, 'console'), rel, 'no-cache') : null;
      return asset ?? (await sendFile(c, path.join(dist, 'console'), 'index.html', 'no-cache')) ?? notBuilt(c, 'console');
    })
    .get('/demo/*', pageHeaders, async (c) => (await sendFile(c, demo, c.req.path.slice('/demo/'.length), 'no-cache')) ?? c.notFound());
  for (const route of DEMO_ROUTES) {
    app.get(route, pageHeaders, async (c) => (await sendFile(c, demo, 'index.html', 'no-cache')) ?? c.notFound());
  }
  return app;
}
