import { Hono, type Context } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { cors } from 'hono/cors';
import { AttachmentUploadQuery, AttachmentRef } from '../../protocol/attachments.js';
import type { AttachmentService } from '../attachments/attachment-service.js';
import { tooLarge } from '../attachments/attachment-service.js';
import type { TokenService, VisitorClaims } from '../auth/tokens.js';
import type { ConversationService } from '../conversations/conversation-service.js';
import { AppError, forbidden, notFound, unauthorized } from '../errors.js';
import type { VisitorLimits } from '../limits/visitor-limits.js';
import { allowOrigin } from '../realtime/allowed-origins.js';
import { attachmentResponse, ATTACHMENT_SERVING } from './attachment-response.js';
import { requestAddress, type ClientAddress } from './request-address.js';
import { parse } from './validate.js';
import type { RouteDoc } from './route-doc.js';

export interface VisitorAttachmentRouteDeps {
  tokens: TokenService;
  conversations: ConversationService;
  attachments: AttachmentService;
  limits: VisitorLimits;
  allowedOrigins?: readonly string[];
  clientAddress?: ClientAddress;
}

/** The upload route reads its own body (up to ATTACHMENT_MAX_MB), not the API's JSON limit. */
export const VISITOR_UPLOAD_PATH = '/api/visitor/attachments';

/**
 * `/api/visitor`: what the widget calls over HTTP with the session token it got from the socket.
 * Upload a file (raw bytes, `?name=`), then send a message with its id; read back the files of
 * the visitor's own conversation. Cross-origin (the widget runs on customers' sites): CORS as for
 * the sockets, never `*`.
 */
export function visitorAttachmentRoutes(deps: VisitorAttachmentRouteDeps) {
  const { attachments, limits } = deps;
  const maxBytes = attachments.limits.maxBytes;
  const visitor = async (c: Context): Promise<VisitorClaims> => {
    const header = c.req.header('authorization') ?? '';
    const token = header.startsWith('Bearer ') ? header.slice(7).trim() : '';
    const claims = token ? await deps.tokens.verifyVisitor(token) : null;
    if (!claims)
      throw unauthorized("Send the visitor session token (from the socket's `session` event) as a bearer token.");
    return claims;
  };
  return new Hono()
    .use(
      '*',
      cors({
        origin: (origin) => {
          const allowed = allowOrigin(origin || undefined, deps.allowedOrigins);
          return typeof allowed === 'string' ? allowed : null;
        },
        allowMethods: ['GET', 'POST'],
        allowHeaders: ['Authorization', 'Content-Type'],
        maxAge: 600,
      }),
    )
    .post(
      '/attachments',
      bodyLimit({
        maxSize: maxBytes,
        // Content-Length over the limit, or a body that turned out longer than it said.
        onError: (c) => {
          const declared = Number(c.req.header('content-length'));
          throw tooLarge(c.req.query('name')?.trim() ?? '', declared > maxBytes ? declared : maxBytes + 1, maxBytes);
        },
      }),
      async (c) => {
        const claims = await visitor(c);
        if (attachments.limits.maxPerConversation === 0)
          throw new AppError(
            403,
            'attachments_off',
            'This support desk does not accept attachments; describe the problem in a message.',
          );
        const { name } = parse(AttachmentUploadQuery, c.req.query());
        const declared = Number(c.req.header('content-length') ?? 0);
        if (declared > maxBytes) throw tooLarge(name, declared, maxBytes);
        const address = requestAddress(c, deps.clientAddress);
        await limits.consume('attachment.conversation', claims.cid);
        await limits.consume('attachment.address', address);
        const bytes = new Uint8Array(await c.req.arrayBuffer());
        // A screenshot may come before the first message: the conversation starts here then.
        const existing = await deps.conversations.repo.get(claims.cid);
        if (!existing) {
          await limits.consume('conversation.address', address);
          await deps.conversations.repo.ensure({ conversationId: claims.cid, visitorId: claims.vid });
        } else if (existing.visitorId !== claims.vid) {
          throw forbidden('This conversation belongs to another visitor.');
        }
        return c.json(
          (await attachments.upload({ conversationId: claims.cid, name, bytes })) satisfies AttachmentRef,
          201,
        );
      },
    )
    .get('/attachments/:id', async (c) => {
      const claims = await visitor(c);
      const found = await attachments.read(claims.cid, c.req.param('id'));
      if (!found) throw notFound('Attachment');
      return attachmentResponse(c, found);
    });
}

/** The OpenAPI description of these routes (server/http/openapi.ts assembles the document). */
export const visitorAttachmentRouteDocs: RouteDoc[] = [
  {
    method: 'post',
    path: '/api/visitor/attachments',
    tag: 'attachments',
    summary: "Upload a screenshot or file for the visitor's conversation; send its id in the next `message`",
    access: 'visitor',
    description:
      'The type is read from the bytes (PNG, JPEG, WebP, GIF or PDF; ' +
      'anything else is 415 `unsupported_attachment`); ' +
      'images are re-encoded with their orientation applied and all metadata (EXIF, GPS) removed. ' +
      ('Over ATTACHMENT_MAX_MB (default 10 MB) is 413 `attachment_too_large`; ' +
        'past ATTACHMENTS_PER_CONVERSATION (default 20) is 409 `too_many_attachments`; ' +
        'rate limited like messages (429). CORS as for the sockets.'),
    query: AttachmentUploadQuery,
    body: {
      contentType: 'application/octet-stream',
      description: 'The raw file bytes (any Content-Type; it is not trusted).',
      schema: { type: 'string', contentMediaType: 'application/octet-stream' },
    },
    status: 201,
    response: AttachmentRef,
    errors: [409, 415, 422, 429],
  },
  {
    method: 'get',
    path: '/api/visitor/attachments/:id',
    tag: 'attachments',
    summary: "A file of the visitor's own conversation",
    access: 'visitor',
    description: ATTACHMENT_SERVING,
    response: { contentType: 'image/png', description: 'The file as stored (see the upload).' },
  },
];
