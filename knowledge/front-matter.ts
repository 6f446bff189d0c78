import matter from 'gray-matter';

export interface FrontMatter {
  title?: string;
  url?: string;
  pages: string[];
  tags: string[];
}

export interface ParsedMarkdown {
  data: FrontMatter;
  /** The Markdown after the front-matter block. */
  content: string;
}

export class FrontMatterError extends Error {
  override readonly name = 'FrontMatterError';
}

/** Reads the YAML front-matter of a help article: title, url, pages (URL globs) and tags. */
export function parseFrontMatter(markdown: string, source = 'article'): ParsedMarkdown {
  let parsed: matter.GrayMatterFile<string>;
  try {
    // An empty options object stops gray-matter from caching by content across calls.
    parsed = matter(markdown, {});
  } catch (err) {
    throw new FrontMatterError(`${source}: invalid front-matter YAML (${(err as Error).message}); fix the block between the --- lines`);
  }
  const raw = parsed.data as Record<string, unknown>;
  return {
    data: {
      title: optionalString(raw.title, 'title', source),
      url: optionalString(raw.url, 'url', source),
      pages: stringList(raw.pages, 'pages', source),
      tags: stringList(raw.tags, 'tags', source),
    },
    content: parsed.content,
  };
}

function optionalString(v: unknown, field: string, source: string): string | undefined {
  if (v === undefined || v === null || v === '') return undefined;
  if (typeof v !== 'string') throw new FrontMatterError(`${source}: front-matter "${field}" must be a string`);
  return v.trim();
}

/** Accepts `tags: billing` as well as `tags: [billing, invoices]`. */
function stringList(v: unknown, field: string, source: string): string[] {
  if (v === undefined || v === null) return [];
  const list = Array.isArray(v) ? v : [v];
  return list.map((item) => {
    if (typeof item !== 'string' && typeof item !== 'number') {
      throw new FrontMatterError(`${source}: front-matter "${field}" must be a string or a list of strings`);
    }
    return String(item).trim();
  }).filter(Boolean);
}
