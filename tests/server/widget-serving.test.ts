// The widget files are served the way a CDN would: precompressed by Accept-Encoding, the loader
// short-cached and revalidated by ETag, the content-hashed chat chunk immutable and importable
// across origins, and no source map published.
import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { brotliCompressSync, brotliDecompressSync, gunzipSync, gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { staticRoutes } from '../../server/http/static-routes.js';

const LOADER = `(()=>{console.log(${JSON.stringify('loader '.repeat(200))})})();`;
const CHUNK = `export function createChat(){return ${JSON.stringify('chat '.repeat(400))}}`;
const CHUNK_NAME = 'chat-AbC123_x.js';

let root: string;
let app: ReturnType<typeof staticRoutes>;

beforeAll(async () => {
  root = await mkdtemp(path.join(os.tmpdir(), 'firstline-static-'));
  const widget = path.join(root, 'dist', 'widget');
  await mkdir(widget, { recursive: true });
  for (const [name, text] of [
    ['firstline.js', LOADER],
    [CHUNK_NAME, CHUNK],
  ] as const) {
    await writeFile(path.join(widget, name), text);
    await writeFile(path.join(widget, `${name}.gz`), gzipSync(text));
    await writeFile(path.join(widget, `${name}.br`), brotliCompressSync(text));
  }
  await writeFile(path.join(widget, 'firstline.d.ts'), 'export interface FirstlineApi { open(): void }\n');
  const assets = path.join(root, 'dist', 'console', 'assets');
  await mkdir(assets, { recursive: true });
  await writeFile(path.join(assets, 'index-abc.js'), 'console.log(1)\n//# sourceMappingURL=index-abc.js.map');
  await writeFile(path.join(assets, 'index-abc.js.map'), '{"version":3,"sources":["secret.ts"]}');
  await writeFile(path.join(root, 'dist', 'console', 'index.html'), '<!doctype html><title>console</title>');
  app = staticRoutes({ root });
});
afterAll(() => rm(root, { recursive: true, force: true }));

const bytes = async (res: Response) => Buffer.from(await res.arrayBuffer());

describe('serving the widget', () => {
  it('serves the window.Firstline types at /widget.d.ts for TypeScript host apps', async () => {
    const res = await app.request('/widget.d.ts');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/plain; charset=utf-8');
    expect(await res.text()).toContain('interface FirstlineApi');
  });

  it(
    'sends the brotli copy to browsers that take it, ' + 'gzip to those that take only gzip, and plain text otherwise',
    async () => {
      const br = await app.request('/widget.js', { headers: { 'accept-encoding': 'gzip, deflate, br, zstd' } });
      expect(br.status).toBe(200);
      expect(br.headers.get('content-encoding')).toBe('br');
      expect(br.headers.get('vary')).toBe('Accept-Encoding');
      expect(br.headers.get('content-type')).toMatch(/^text\/javascript/);
      expect(brotliDecompressSync(await bytes(br)).toString()).toBe(LOADER);

      const gz = await app.request('/widget.js', { headers: { 'accept-encoding': 'gzip, br;q=0' } });
      expect(gz.headers.get('content-encoding')).toBe('gzip');
      expect(gunzipSync(await bytes(gz)).toString()).toBe(LOADER);

      const plain = await app.request('/widget.js');
      expect(plain.headers.get('content-encoding')).toBeNull();
      expect(plain.headers.get('vary')).toBe('Accept-Encoding');
      expect((await bytes(plain)).toString()).toBe(LOADER);
      // Each representation has its own tag: a cache must not hand brotli bytes to a gzip-only client.
      expect(new Set([br, gz, plain].map((r) => r.headers.get('etag'))).size).toBe(3);
    },
  );

  it('short-caches the loader and answers 304 to a matching If-None-Match', async () => {
    const first = await app.request('/widget.js', { headers: { 'accept-encoding': 'br' } });
    expect(first.headers.get('cache-control')).toBe('public, max-age=300');
    const etag = first.headers.get('etag')!;
    expect(etag).toMatch(/^"[\w-]+"$/);

    const again = await app.request('/widget.js', { headers: { 'accept-encoding': 'br', 'if-none-match': etag } });
    expect(again.status).toBe(304);
    expect(await again.text()).toBe('');
    expect(again.headers.get('etag')).toBe(etag);
    expect(again.headers.get('cache-control')).toBe('public, max-age=300');

    const weakList = await app.request('/widget.js', { headers: { 'if-none-match': `"other", W/${etag}` } });
    expect(weakList.status).toBe(304);
    const stale = await app.request('/widget.js', { headers: { 'if-none-match': '"not-this-one"' } });
    expect(stale.status).toBe(200);
  });

  it(
    'serves the content-hashed chat chunk immutable, ' + 'compressed, and readable by a host page on another origin',
    async () => {
      const res = await app.request(`/widget/${CHUNK_NAME}`, {
        headers: { 'accept-encoding': 'gzip', origin: 'https://customer.example' },
      });
      expect(res.status).toBe(200);
      expect(res.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
      expect(res.headers.get('content-encoding')).toBe('gzip');
      expect(res.headers.get('access-control-allow-origin')).toBe('*');
      expect(res.headers.get('access-control-allow-credentials')).toBeNull();
      expect(res.headers.get('cross-origin-resource-policy')).toBe('cross-origin');
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
      expect(res.headers.get('content-type')).toMatch(/^text\/javascript/);
      expect(gunzipSync(await bytes(res)).toString()).toBe(CHUNK);
    },
  );

  it('serves nothing else under /widget/: no compressed copies by name, no traversal, no unknown chunk', async () => {
    for (const p of [
      `/widget/${CHUNK_NAME}.gz`,
      '/widget/firstline.js',
      '/widget/chat-nothere.js',
      '/widget/..%2F..%2Fpackage.json',
    ]) {
      expect((await app.request(p)).status, p).toBe(404);
    }
  });

  it('does not publish source maps', async () => {
    expect((await app.request('/console/assets/index-abc.js')).status).toBe(200);
    expect((await app.request('/console/assets/index-abc.js.map')).status).toBe(404);
    // Not through the SPA fallback either.
    const fallback = await app.request('/console/assets/index-abc.js.map');
    expect(await fallback.text()).not.toContain('secret.ts');
  });
});
