import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Hono, type Context } from 'hono';
import { secureHeaders } from 'hono/secure-headers';
import { pageSecurityHeaders } from './page-security-headers.js';

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
  const consoleHeaders = pageSecurityHeaders({ frameAncestors: "'none'" });
  const demoHeaders = pageSecurityHeaders({ frameAncestors: "'self'" });
  // The widget script runs on customers' pages: only nosniff and a cross-origin resource policy.
  const scriptHeaders = secureHeaders({ crossOriginEmbedderPolicy: false, crossOriginResourcePolicy: 'cross-origin', crossOriginOpenerPolicy: false, xFrameOptions: false });
  const app = new Hono()
    .get('/widget.js', scriptHeaders, async (c) => (await sendFile(c, path.join(dist, 'widget'), 'firstline.js', 'public, max-age=300')) ?? notBuilt(c, 'widget'))
    .get('/console/assets/*', consoleHeaders, async (c) => {
      const rel = c.req.path.slice('/console/'.length);
      return (await sendFile(c, path.join(dist, 'console'), rel, 'public, max-age=31536000, immutable')) ?? c.notFound();
    })
    .get('/console', consoleHeaders, async (c) => (await sendFile(c, path.join(dist, 'console'), 'index.html', 'no-cache')) ?? notBuilt(c, 'console'))
    .get('/console/*', consoleHeaders, async (c) => {
      const rel = c.req.path.slice('/console/'.length);
      const asset = path.extname(rel) ? await sendFile(c, path.join(dist, 'console'), rel, 'no-cache') : null;
      return asset ?? (await sendFile(c, path.join(dist, 'console'), 'index.html', 'no-cache')) ?? notBuilt(c, 'console');
    })
    .get('/demo/*', demoHeaders, async (c) => (await sendFile(c, demo, c.req.path.slice('/demo/'.length), 'no-cache')) ?? c.notFound());
  for (const route of DEMO_ROUTES) {
    app.get(route, demoHeaders, async (c) => (await sendFile(c, demo, 'index.html', 'no-cache')) ?? c.notFound());
  }
  return app;
}
