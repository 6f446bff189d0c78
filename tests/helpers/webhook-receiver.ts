import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Received {
  path: string;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/**
 * A local HTTP endpoint that records what it is sent; `failNext` makes the next calls answer 500,
 * `delay` holds a request (by path) before answering. `maxInFlight` is the most requests it held at once.
 */
export class WebhookReceiver {
  readonly received: Received[] = [];
  failNext = 0;
  delay: ((path: string) => Promise<void> | undefined) | null = null;
  inFlight = 0;
  maxInFlight = 0;
  private server: Server | null = null;
  url = '';

  async start(): Promise<this> {
    this.server = createServer((req, res) => {
      let body = '';
      this.inFlight++;
      this.maxInFlight = Math.max(this.maxInFlight, this.inFlight);
      req.on('data', (c) => (body += c));
      req.on('end', async () => {
        await this.delay?.(req.url ?? '/');
        this.inFlight--;
        this.received.push({ path: req.url ?? '/', headers: req.headers, body });
        const fail = this.failNext > 0;
        if (fail) this.failNext--;
        res.writeHead(fail ? 500 : 202, { 'content-type': 'application/json' });
        res.end(fail ? '{"error":"try later"}' : '{"status":"success"}');
      });
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this;
  }

  async stop(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }
}
