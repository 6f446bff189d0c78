import { randomUUID } from 'node:crypto';
import type { RunningServer } from '../../server/start-server.js';
import { connect, emitAck, nextEvent } from './test-server.js';

/** A strong password for test users (the server refuses weak ones). */
export const STRONG_PASSWORD = 'amber-kettle-orbit-42';

export type Call = (method: string, path: string, opts?: { token?: string; json?: unknown }) => Promise<Response>;

/** `app.request()` with a bearer token and a JSON body. */
export function apiClient(server: RunningServer): Call {
  return async (method, path, opts = {}) => {
    const headers: Record<string, string> = {};
    if (opts.token) headers.authorization = `Bearer ${opts.token}`;
    if (opts.json !== undefined) headers['content-type'] = 'application/json';
    return server.app.request(path, {
      method,
      headers,
      body: opts.json !== undefined ? JSON.stringify(opts.json) : undefined,
    });
  };
}

export async function signIn(call: Call, email: string, password = STRONG_PASSWORD): Promise<string> {
  const res = await call('POST', '/api/auth/login', { json: { email, password } });
  if (res.status !== 200) throw new Error(`login failed for ${email}: ${res.status} ${await res.text()}`);
  return ((await res.json()) as { token: string }).token;
}

/** Creates a user through the API (as `adminToken`) and signs them in. */
export async function createUser(
  call: Call,
  adminToken: string,
  opts: { role?: 'agent' | 'admin'; name?: string } = {},
) {
  const email = `${opts.role ?? 'agent'}-${randomUUID().slice(0, 8)}@auth.test`;
  const res = await call('POST', '/api/agents', {
    token: adminToken,
    json: {
      email,
      name: opts.name ?? 'Test User',
      password: STRONG_PASSWORD,
      role: opts.role ?? 'agent',
      skills: ['general'],
      maxConcurrent: 5,
    },
  });
  if (res.status !== 201) throw new Error(`creating ${email} failed: ${res.status} ${await res.text()}`);
  const { id } = (await res.json()) as { id: string };
  return { id, email, token: await signIn(call, email) };
}

/** A visitor socket with one message sent, so the conversation exists; returns its id and the visitor token. */
export async function startConversation(server: RunningServer, text = 'Hello, I have a question about my invoice') {
  const visitor = await connect(`${server.url}/visitor`, { visitor: { name: 'Vera' } });
  const session = await nextEvent<{ conversationId: string; token: string }>(visitor, 'session');
  const ack = await emitAck(visitor, 'message', { clientMessageId: randomUUID(), text });
  if (!ack.ok) throw new Error(`visitor message failed: ${JSON.stringify(ack)}`);
  await server.idle();
  return { visitor, conversationId: session.conversationId, visitorToken: session.token };
}
