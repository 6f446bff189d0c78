import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadFolder } from './load-folder.js';
import type { KnowledgeBase } from './types.js';

/** The bundled "Acme Projects" help centre used by the demo. */
export const DEMO_ARTICLES_DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), 'articles');

/**
 * Loads the demo articles into an empty knowledge base. A knowledge base that already has
 * articles is left alone, so an operator's own content is never mixed with the demo.
 * Returns how many articles were added.
 */
export async function seedDemoKnowledge(kb: KnowledgeBase, dir: string = DEMO_ARTICLES_DIR): Promise<number> {
  if ((await kb.listArticles()).length > 0) return 0;
  const articles = await loadFolder(dir);
  for (const article of articles) await kb.addArticle(article);
  return articles.length;
}
