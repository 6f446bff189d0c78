import { Hono } from 'hono';
import { cors } from 'hono/cors';
import { bodyLimit } from 'hono/body-limit';
import { ArticleBody, GapsQuery, PreviewAnswerBody, SearchBody, SuggestionsQuery } from '../../protocol/http.js';
import { CalibrationTargetBody, CalibrationStatusResponse } from '../../protocol/knowledge-calibration.js';
import type { FirstlineKnowledgeBase } from '../../knowledge/knowledge-base.js';
import type { KnowledgeGaps } from '../../knowledge/knowledge-gaps.js';
import type { ArticleSuggestions } from '../../knowledge/suggest-articles.js';
import type { KnowledgeBase } from '../../knowledge/types.js';
import type { TokenService } from '../auth/tokens.js';
import { AppError, notFound } from '../errors.js';
import type { Answerer } from '../pipeline/answerer.js';
import { requireRole } from './auth-middleware.js';
import { handleUpload, UPLOAD_LIMITS } from './knowledge-upload.js';
import { rateLimit } from './rate-limit.js';
import { allowOrigin } from '../realtime/allowed-origins.js';
import { jsonBody, parse } from './validate.js';
import type { ClientAddress } from './request-address.js';
import {
  Article,
  ArticleListResponse,
  ArticleSaved,
  ArticleUpdated,
  GapsResponse,
  PreviewAnswer,
  ReindexResponse,
  SearchResponse,
  SuggestionsResponse,
  UploadResponse,
} from '../../protocol/responses/knowledge.js';
import type { RouteDoc } from './route-doc.js';

export interface KnowledgeRouteDeps {
  kb: KnowledgeBase;
  tokens: TokenService;
  /** The public suggestions before the visitor types. */
  suggestions: ArticleSuggestions;
  /** Composes "what the AI would answer" for the playground. */
  answerer?: Answerer;
  knowledgeGaps?: KnowledgeGaps;
  /** ALLOWED_ORIGINS: sites whose widget may read the public suggestions; unset, any (reflected, never `*`). */
  allowedOrigins?: readonly string[];
  /** Which address the public rate limit counts (TRUST_PROXY). */
  clientAddress?: ClientAddress;
  /** Background failures (a recalibration started from the console). */
  onError?: (err: unknown) => void;
}

export function knowledgeRoutes(deps: KnowledgeRouteDeps) {
  const admin = requireRole(deps.tokens, 'admin');
  const unavailable = (what: string) => new AppError(503, 'not_configured', `${what} is not available on this server.`);
  const calibrator = () => {
    const cal = (deps.kb as Partial<FirstlineKnowledgeBase>).calibration;
    if (!cal) throw unavailable('Confidence calibration');
    return cal;
  };
  return (
    new Hono()
      .post('/search', requireRole(deps.tokens, 'agent'), async (c) => {
        const body = await jsonBody(c, SearchBody);
        const res = await deps.kb.search(body.query, { pageUrl: body.pageUrl, k: body.k });
        return c.json({
          results: res.results.map((r) => ({
            articleId: r.articleId,
            title: r.title,
            url: r.url,
            text: r.text,
            score: r.score,
            headingPath: r.headingPath,
            pageMatch: r.pageMatch,
          })),
          confident: res.confident,
          ...(res.confidence !== undefined ? { confidence: res.confidence } : {}),
        } satisfies SearchResponse);
      })
      // Public: the widget on a customer's site asks for a few articles to offer before the visitor
      // types. It is a cross-origin fetch, so without CORS headers the browser withholds the answer.
      .use(
        '/suggestions',
        cors({
          origin: (origin) => {
            const allowed = allowOrigin(origin || undefined, deps.allowedOrigins);
            return typeof allowed === 'string' ? allowed : null;
          },
          allowMethods: ['GET'],
          maxAge: 600,
        }),
      )
      .get('/suggestions', rateLimit({ max: 30, windowMs: 60_000, clientAddress: deps.clientAddress }), async (c) => {
        const q = parse(SuggestionsQuery, c.req.query());
        const suggestions = await deps.suggestions.suggest({
          pageUrl: q.pageUrl,
          pageTitle: q.title,
          k: q.k,
          language: q.lang,
        });
        c.header('Cache-Control', 'private, max-age=60');
        return c.json({ suggestions } satisfies SuggestionsResponse);
      })
      .post('/preview-answer', admin, async (c) => {
        const body = await jsonBody(c, PreviewAnswerBody);
        if (!deps.answerer) throw unavailable('Answer preview');
        const retrieval = await deps.kb.search(body.query, { pageUrl: body.pageUrl, k: 3 });
        const answer = retrieval.results.length
          ? await deps.answerer.answer({ question: body.query, chunks: retrieval.results, history: [] })
          : null;
        return c.json({
          confident: retrieval.confident,
          // Mirrors the escalation policy's knowledge rule: no confident retrieval, no answer.
          wouldAnswer: retrieval.confident && !!answer && !answer.unanswerable,
          answerer: deps.answerer.name,
          answer: answer
            ? { text: answer.text, citations: answer.citations, unanswerable: answer.unanswerable ?? false }
            : null,
          results: retrieval.results.map((r) => ({
            articleId: r.articleId,
            title: r.title,
            url: r.url,
            text: r.text,
            score: r.score,
            headingPath: r.headingPath,
            pageMatch: r.pageMatch,
          })),
          signals: retrieval.signals ?? null,
        } satisfies PreviewAnswer);
      })
      .get('/gaps', admin, async (c) => {
        const q = parse(GapsQuery, c.req.query());
        if (!deps.knowledgeGaps) throw unavailable('Knowledge gap tracking');
        return c.json(
          (await deps.knowledgeGaps.groups({
            limit: q.limit,
            since: q.since ? new Date(q.since) : undefined,
          })) satisfies GapsResponse,
        );
      })
      .post(
        '/upload',
        admin,
        bodyLimit({
          maxSize: UPLOAD_LIMITS.requestBytes,
          onError: () => {
            throw new AppError(
              413,
              'payload_too_large',
              `Uploads are limited to ${UPLOAD_LIMITS.requestBytes / 1024 / 1024} MB per request.`,
            );
          },
        }),
        async (c) => c.json((await handleUpload(c, deps.kb)) satisfies UploadResponse),
      )
      .post('/reindex', admin, async (c) => {
        const kb = deps.kb as Partial<FirstlineKnowledgeBase>;
        if (typeof kb.reindex !== 'function') throw unavailable('Re-indexing');
        return c.json((await kb.reindex()) satisfies ReindexResponse);
      })
      .get('/calibration', admin, async (c) =>
        c.json((await calibrator().status()) satisfies CalibrationStatusResponse),
      )
      .put('/calibration', admin, async (c) => {
        const body = await jsonBody(c, CalibrationTargetBody);
        return c.json((await calibrator().setTarget(body.targetFalseConfident)) satisfies CalibrationStatusResponse);
      })
      .post('/calibration/run', admin, async (c) => {
        const cal = calibrator();
        // Runs in the background; the console polls GET /calibration for progress.
        cal.recalibrate().catch((err: unknown) => deps.onError?.(err));
        return c.json((await cal.status()) satisfies CalibrationStatusResponse, 202);
      })
      .get('/articles', admin, async (c) =>
        c.json({ articles: await deps.kb.listArticles() } satisfies ArticleListResponse),
      )
      .post('/articles', admin, async (c) => {
        const body = await jsonBody(c, ArticleBody);
        const res = await deps.kb.addArticle(body);
        return c.json({ id: res.id, chunks: res.chunks } satisfies ArticleSaved, 201);
      })
      .get('/articles/:id', admin, async (c) => {
        const article = await deps.kb.getArticle(c.req.param('id'));
        if (!article) throw notFound('Article');
        return c.json(article satisfies Article);
      })
      .put('/articles/:id', admin, async (c) => {
        const body = await jsonBody(c, ArticleBody);
        if (!(await deps.kb.getArticle(c.req.param('id')))) throw notFound('Article');
        const res = await deps.kb.updateArticle(c.req.param('id'), body);
        return c.json(res satisfies ArticleUpdated);
      })
      .delete('/articles/:id', admin, async (c) => {
        if (!(await deps.kb.deleteArticle(c.req.param('id')))) throw notFound('Article');
        return c.body(null, 204);
      })
  );
}

/** The OpenAPI description of these routes (server/http/openapi.ts assembles the document). */
export const knowledgeRouteDocs: RouteDoc[] = [
  {
    method: 'post',
    path: '/api/knowledge/search',
    tag: 'knowledge',
    summary: 'Search the knowledge base',
    access: 'agent',
    body: SearchBody,
    response: SearchResponse,
  },
  {
    method: 'get',
    path: '/api/knowledge/suggestions',
    tag: 'knowledge',
    summary: "Articles to offer on a page before the visitor types (the widget's empty panel)",
    access: 'public',
    description: 'Rate limited to 30 requests per minute per client address (429 with Retry-After).',
    query: SuggestionsQuery,
    response: SuggestionsResponse,
    errors: [429],
  },
  {
    method: 'post',
    path: '/api/knowledge/preview-answer',
    tag: 'knowledge',
    summary: 'Playground: retrieval plus the answer the AI would give',
    access: 'admin',
    body: PreviewAnswerBody,
    response: PreviewAnswer,
    errors: [503],
  },
  {
    method: 'get',
    path: '/api/knowledge/calibration',
    tag: 'knowledge',
    summary: "How `confident` is decided: the knowledge base's own calibration, threshold and trade-off curve",
    access: 'admin',
    response: CalibrationStatusResponse,
    errors: [503],
  },
  {
    method: 'put',
    path: '/api/knowledge/calibration',
    tag: 'knowledge',
    summary: 'Choose the threshold by its expected false-confident rate (null: default); kept across recalibrations',
    access: 'admin',
    body: CalibrationTargetBody,
    response: CalibrationStatusResponse,
    errors: [503],
  },
  {
    method: 'post',
    path: '/api/knowledge/calibration/run',
    tag: 'knowledge',
    summary: 'Recalibrate now, in the background (poll GET for progress)',
    access: 'admin',
    status: 202,
    response: CalibrationStatusResponse,
    errors: [503],
  },
  {
    method: 'get',
    path: '/api/knowledge/gaps',
    tag: 'knowledge',
    summary: 'Unanswered questions grouped by similar wording',
    access: 'admin',
    query: GapsQuery,
    response: GapsResponse,
    errors: [503],
  },
  {
    method: 'post',
    path: '/api/knowledge/upload',
    tag: 'knowledge',
    summary: 'Upload article files (Markdown, HTML, text, PDF); each file succeeds or fails on its own',
    access: 'admin',
    body: {
      contentType: 'multipart/form-data',
      description:
        `One or many files in any field (conventionally "files"); ` +
        `at most ${UPLOAD_LIMITS.files} files, ${UPLOAD_LIMITS.fileBytes / 1024 / 1024} MB per file, ` +
        `${UPLOAD_LIMITS.requestBytes / 1024 / 1024} MB per request.`,
      schema: {
        type: 'object',
        properties: {
          files: { type: 'array', items: { type: 'string', contentMediaType: 'application/octet-stream' } },
        },
      },
    },
    response: UploadResponse,
    errors: [413, 415],
  },
  {
    method: 'post',
    path: '/api/knowledge/reindex',
    tag: 'knowledge',
    summary: 'Re-embed every article with the configured embedder',
    access: 'admin',
    response: ReindexResponse,
    errors: [503],
  },
  {
    method: 'get',
    path: '/api/knowledge/articles',
    tag: 'knowledge',
    summary: 'List articles',
    access: 'admin',
    response: ArticleListResponse,
  },
  {
    method: 'post',
    path: '/api/knowledge/articles',
    tag: 'knowledge',
    summary: 'Add an article (indexed before the answer)',
    access: 'admin',
    body: ArticleBody,
    status: 201,
    response: ArticleSaved,
  },
  {
    method: 'get',
    path: '/api/knowledge/articles/:id',
    tag: 'knowledge',
    summary: 'One article with its body',
    access: 'admin',
    response: Article,
  },
  {
    method: 'put',
    path: '/api/knowledge/articles/:id',
    tag: 'knowledge',
    summary: 'Replace an article and re-index it',
    access: 'admin',
    body: ArticleBody,
    response: ArticleUpdated,
  },
  {
    method: 'delete',
    path: '/api/knowledge/articles/:id',
    tag: 'knowledge',
    summary: 'Delete an article',
    access: 'admin',
    status: 204,
    response: null,
  },
];
