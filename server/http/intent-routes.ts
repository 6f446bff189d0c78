import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import {
  INTENT_IMPORT_LIMITS,
  IntentBody,
  IntentName,
  IntentUpdateBody,
  IntentImportQuery,
} from '../../protocol/http.js';
import type { TokenService } from '../auth/tokens.js';
import { AppError } from '../errors.js';
import type { IntentService } from '../intents/intent-service.js';
import { requireRole } from './auth-middleware.js';
import { jsonBody, parse } from './validate.js';
import { Intent, IntentImportResult, IntentListResponse } from '../../protocol/responses/intents.js';
import { inSchema } from './json-schema.js';
import type { RouteDoc } from './route-doc.js';

/** `/api/intents`: agents read, admins change; every change retrains the live classifier before answering. */
export function intentRoutes(deps: { intents: IntentService; tokens: TokenService }) {
  const admin = requireRole(deps.tokens, 'admin');
  const name = (raw: string) => parse(IntentName, raw);
  return new Hono()
    .use(requireRole(deps.tokens, 'agent'))
    .get('/', async (c) => c.json({ intents: await deps.intents.list() } satisfies IntentListResponse))
    .get('/export', async (c) => {
      c.header('content-type', 'application/x-ndjson; charset=utf-8');
      c.header('content-disposition', 'attachment; filename="intents.jsonl"');
      return c.body(await deps.intents.exportJsonl());
    })
    .post(
      '/import',
      admin,
      bodyLimit({
        maxSize: INTENT_IMPORT_LIMITS.bytes,
        onError: () => {
          throw new AppError(
            413,
            'import_too_large',
            `Intent imports are limited to ${INTENT_IMPORT_LIMITS.bytes / 1024} KB; split the file.`,
          );
        },
      }),
      async (c) => {
        const replace = c.req.query('replace') === '1' || c.req.query('replace') === 'true';
        const result = await deps.intents.importJsonl(await c.req.text(), { replace });
        return c.json(result satisfies IntentImportResult);
      },
    )
    .get('/:name', async (c) => c.json((await deps.intents.get(name(c.req.param('name')))) satisfies Intent))
    .post('/', admin, async (c) => {
      const body = await jsonBody(c, IntentBody);
      return c.json((await deps.intents.create(body)) satisfies Intent, 201);
    })
    .put('/:name', admin, async (c) => {
      const body = await jsonBody(c, IntentUpdateBody);
      return c.json((await deps.intents.update(name(c.req.param('name')), body)) satisfies Intent);
    })
    .delete('/:name', admin, async (c) => {
      await deps.intents.remove(name(c.req.param('name')));
      return c.body(null, 204);
    });
}

/** The OpenAPI description of these routes (server/http/openapi.ts assembles the document). */
export const intentRouteDocs: RouteDoc[] = [
  {
    method: 'get',
    path: '/api/intents',
    tag: 'intents',
    summary: 'List intent definitions',
    access: 'agent',
    response: IntentListResponse,
  },
  {
    method: 'post',
    path: '/api/intents',
    tag: 'intents',
    summary: 'Create an intent; retrains the classifier before answering',
    access: 'admin',
    body: IntentBody,
    status: 201,
    response: Intent,
    errors: [409],
  },
  {
    method: 'get',
    path: '/api/intents/export',
    tag: 'intents',
    summary: 'Every intent as JSONL (one per line)',
    access: 'agent',
    response: { contentType: 'application/x-ndjson', description: 'One intent definition (IntentBody) per line.' },
  },
  {
    method: 'post',
    path: '/api/intents/import',
    tag: 'intents',
    summary: 'Import intents from JSONL, all or nothing, with line-numbered errors',
    access: 'admin',
    query: IntentImportQuery,
    body: {
      contentType: 'application/x-ndjson',
      description: 'One intent definition per line (at most 1 MB / 300 intents).',
      schema: inSchema(IntentBody),
    },
    response: IntentImportResult,
    errors: [413],
  },
  {
    method: 'get',
    path: '/api/intents/:name',
    tag: 'intents',
    summary: 'One intent',
    access: 'agent',
    response: Intent,
  },
  {
    method: 'put',
    path: '/api/intents/:name',
    tag: 'intents',
    summary: 'Replace an intent (body without `name`); retrains the classifier',
    access: 'admin',
    body: IntentUpdateBody,
    response: Intent,
  },
  {
    method: 'delete',
    path: '/api/intents/:name',
    tag: 'intents',
    summary: 'Delete an intent; retrains the classifier',
    access: 'admin',
    status: 204,
    response: null,
  },
];
