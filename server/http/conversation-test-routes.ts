import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import {
  CONVERSATION_TEST_LIMITS,
  ConversationSuiteBody,
  ConversationSuiteResult,
} from '../../protocol/conversation-tests.js';
import type { TokenService } from '../auth/tokens.js';
import { parseConversationSuite, validateConversationArray } from '../conversation-tests/parse-conversation-suite.js';
import type { ConversationSuiteRunner } from '../conversation-tests/run-conversation-suite.js';
import { AppError } from '../errors.js';
import { requireRole } from './auth-middleware.js';
import { jsonBody } from './validate.js';
import type { RouteDoc } from './route-doc.js';

// JSON escaping of the JSONL text can grow it; the suite's own limit is checked after parsing.
const MAX_BODY_BYTES = CONVERSATION_TEST_LIMITS.bytes * 2;

/** `/api/conversation-tests`: admins run test conversations against the live knowledge base and intents. */
export function conversationTestRoutes(deps: { tokens: TokenService; conversationTests?: ConversationSuiteRunner }) {
  return new Hono().use(requireRole(deps.tokens, 'admin')).post(
    '/run',
    bodyLimit({
      maxSize: MAX_BODY_BYTES,
      onError: () => {
        throw new AppError(
          413,
          'suite_too_large',
          `Conversation suites are limited to ${CONVERSATION_TEST_LIMITS.bytes / 1024} KB; split the file.`,
        );
      },
    }),
    async (c) => {
      if (!deps.conversationTests)
        throw new AppError(503, 'not_ready', 'The pipeline is still starting; try again in a moment.');
      const body = await jsonBody(c, ConversationSuiteBody);
      const cases =
        'jsonl' in body ? parseConversationSuite(body.jsonl) : validateConversationArray(body.conversations);
      return c.json((await deps.conversationTests.run(cases)) satisfies ConversationSuiteResult);
    },
  );
}

/** The OpenAPI description of these routes (server/http/openapi.ts assembles the document). */
export const conversationTestRouteDocs: RouteDoc[] = [
  {
    method: 'post',
    path: '/api/conversation-tests/run',
    tag: 'conversation-tests',
    summary: 'Run test conversations through the live pipeline (nothing is stored)',
    access: 'admin',
    description:
      'Body: `{jsonl}` (one ConversationTestCase per line, `#` lines are comments) ' +
      'or `{conversations:[...]}`. At most 512 KB / 300 conversations / 12 turns each (413 `suite_too_large`); ' +
      'a malformed suite is 400 `invalid_suite` listing every problem by line. ' +
      'Each conversation runs in a fresh in-memory conversation against the live knowledge base and intents. ' +
      'Judging: turns before the last must not hand off; `answer: ' +
      'ref` (article id, title or url slug) = the last turn answers citing that article; ' +
      '`handoff` = the last turn hands off; `noAnswer` = the last turn does not answer ' +
      'from the knowledge base; `mustContain` phrases must appear in the last reply.',
    body: ConversationSuiteBody,
    response: ConversationSuiteResult,
    errors: [413],
  },
];
