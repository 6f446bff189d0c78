import { createServer, type Server as HttpServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { Server as SocketServer } from 'socket.io';
import { z } from 'zod';
import type { TokenService } from '../../server/auth/tokens.js';
import type { ConversationService } from '../../server/conversations/conversation-service.js';
import type { ConversationFeedback } from '../../server/conversations/conversation-feedback.js';
import type { UserRepository } from '../../server/auth/user-repository.js';
import { createVisitorLimits } from '../../server/limits/visitor-limits.js';
import { parseRateLimits } from '../../server/limits/limit-settings.js';
import { ackedHandler } from '../../server/realtime/acked-handler.js';
import { createIdentityVerifier } from '../../server/visitors/identity-verifier.js';
import type { VerifiedVisitors } from '../../server/visitors/verified-visitors.js';
import { setupAgentNamespace, type AgentNamespace } from '../../server/realtime/agent-namespace.js';
import type { EventBus } from '../../server/events/event-bus.js';
import { setupVisitorNamespace, type VisitorNamespace } from '../../server/realtime/visitor-namespace.js';
import { captureLog, LogLevel } from '../helpers/capture-log.js';
import { connect } from '../helpers/test-server.js';

const failing = () => Promise.reject(new Error('token store unreachable'));

describe('socket handlers and middleware never let a throw escape', () => {
  let http: HttpServer | undefined;
  let io: SocketServer | undefined;
  afterEach(async () => {
    await new Promise<void>((resolve) => (io ? io.close(() => resolve()) : resolve()));
    http = io = undefined;
  });

  async function serve(setup: (io: SocketServer) => void): Promise<string> {
    http = createServer();
    io = new SocketServer(http);
    setup(io);
    await new Promise<void>((resolve) => http?.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(http.address() as AddressInfo).port}`;
  }

  it(
    'refuses the handshake with connect_error {code:"internal"} ' + 'when a middleware dependency fails, and logs it',
    async () => {
      const { log, lines } = captureLog();
      const url = await serve((server) => {
        const tokens = {
          verifyVisitor: failing,
          signVisitor: failing,
          verifyAgent: failing,
        } as unknown as TokenService;
        setupVisitorNamespace(server.of('/visitor') as VisitorNamespace, {
          tokens,
          conversations: {} as ConversationService,
          feedback: {} as ConversationFeedback,
          log,
          limits: createVisitorLimits({ settings: parseRateLimits('off'), store: null }),
          identities: createIdentityVerifier(undefined),
          verifiedVisitors: {} as VerifiedVisitors,
          clientAddress: (peer) => peer,
        });
        setupAgentNamespace(server.of('/agent') as AgentNamespace, {
          tokens,
          users: {} as UserRepository,
          conversations: {} as ConversationService,
          log,
          bus: {} as EventBus,
        });
      });
      for (const [nsp, auth] of [
        ['/visitor', { token: 'x' }],
        ['/visitor', {}],
        ['/agent', { token: 'x' }],
      ] as const) {
        const err = await connect(`${url}${nsp}`, auth).then(
          () => null,
          (e: Error & { data?: unknown }) => e,
        );
        expect(err, nsp).toMatchObject({ message: expect.any(String), data: { code: 'internal' } });
      }
      expect(
        lines.filter((l) => l.level === LogLevel.error && l.msg === 'socket handshake middleware failed'),
      ).toHaveLength(3);
      expect(lines[0]).toMatchObject({ nsp: '/visitor', err: { message: 'token store unreachable' } });
    },
  );

  it('answers an ack with internal when validation or the handler throws synchronously', () => {
    const { log, lines } = captureLog();
    const acks: unknown[] = [];
    const throwingSchema = z.unknown().refine(() => {
      throw new RangeError('Maximum call stack size exceeded');
    });
    ackedHandler(throwingSchema, log, async () => ({}))({}, (a: unknown) => acks.push(a));
    const throwingHandler = (() => {
      throw new TypeError('boom');
    }) as () => Promise<object>;
    ackedHandler(z.object({}), log, throwingHandler)({}, (a: unknown) => acks.push(a));
    // And without an ack function, still nothing escapes.
    expect(() => ackedHandler(throwingSchema, log, async () => ({}))({}, undefined)).not.toThrow();
    expect(acks).toEqual([
      { ok: false, error: { code: 'internal', message: expect.any(String) } },
      { ok: false, error: { code: 'internal', message: expect.any(String) } },
    ]);
    expect(lines.filter((l) => l.msg === 'socket handler failed').map((l) => (l.err as { type: string }).type)).toEqual(
      ['RangeError', 'TypeError', 'RangeError'],
    );
  });
});
