import { Hono } from 'hono';
import { ArticleBody, SearchBody } from '../../protocol/http.js';
import type { KnowledgeBase } from '../../knowledge/types.js';
import type { TokenService } from '../auth/tokens.js';
import { notFound } from '../errors.js';
import { requireRole } from './auth-middleware.js';
import { jsonBody } from './validate.js';

export function knowledgeRoutes(deps: { kb: KnowledgeBase; tokens: TokenService }) {
  const admin = requireRole(deps.tokens, 'admin');
  return new Hono()
    .post('/search', requireRole(deps.tokens, 'agent'), async (c) => {
      const body = await jsonBody(c, SearchBody);
      const res = await deps.kb.search(body.query, { pageUrl: body.pageUrl, k: body.k });
      return c.json({
        results: res.results.map((r) => ({ articleId: r.articleId, title: r.title, url: r.url, text: r.text, score: r.score, headingPath: r.headingPath, pageMatch: r.pageMatch })),
        confident: res.confident,
      });
    })
    .get('/articles', admin, async (c) => c.json({ articles: await deps.kb.listArticles() }))
    .post('/articles', admin, async (c) => {
      const body = await jsonBody(c, ArticleBody);
      const res = await deps.kb.addArticle(body);
      return c.json({ id: res.id, chunks: res.chunks }, 201);
    })
    .get('/articles/:id', admin, async (c) => {
      const article = await deps.kb.getArticle(c.req.param('id'));
      if (!article) throw notFound('Article');
      return c.json(article);
    })
    .put('/articles/:id', admin, async (c) => {
      const body = await jsonBody(c, ArticleBody);
      if (!(await deps.kb.getArticle(c.req.param('id')))) throw notFound('Article');
      const res = await deps.kb.updateArticle(c.req.param('id'), body);
      return c.json(res);
    })
    .delete('/articles/:id', admin, async (c) => {
      if (!(await deps.kb.deleteArticle(c.req.param('id')))) throw notFound('Article');
      return c.body(null, 204);
    });
}
