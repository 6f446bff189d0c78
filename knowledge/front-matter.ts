import matter from 'gray-matter';

export interface FrontMatter {
  title?: string;
  url?: string;
  pages: string[];
  tags: string[];
  /** The article's language, e.g. `de`. */
  lang?: string;
}

export interface ParsedMarkdown {
  data: FrontMatter;
  /** The Markdown after the front-matter block. */
  content: string;
}

export class FrontMatterError extends Error {
  override readonly name = 'FrontMatterError';
}

const YAML_NAMES = new Set(['', 'yaml', 'yml']);

/**
 * gray-matter's default engines `eval` a `---js` / `---javascript` block (and `---coffee` when
 * coffee-script is installed), so an uploaded article could run code on the server. Only YAML is
 * accepted: every other engine is replaced by one that refuses, and the language named after the
 * opening fence is checked first. The YAML engine is gray-matter's own js-yaml 3 `safeLoad`
 * (DEFAULT_SAFE_SCHEMA: no `!!js/function`, `!!js/regexp` or `!!js/undefined` tags).
 */
const refuse = (language: string) => () => {
  throw new FrontMatterError(`"${language}" front matter is not accepted`);
};
type Engine = { parse: (input: string) => object };
// Not in gray-matter's typings, but exported: `matter.engines.yaml` is `yaml.safeLoad`.
const DEFAULT_ENGINES = (matter as unknown as { engines: Record<string, Engine> }).engines;
const ENGINES: Record<string, Engine> = {
  yaml: DEFAULT_ENGINES.yaml!,
  javascript: { parse: refuse('javascript') },
  coffee: { parse: refuse('coffee') },
  json: { parse: refuse('json') },
};

/** Reads the YAML front-matter of a help article: title, url, pages (URL globs) and tags. */
export function parseFrontMatter(markdown: string, source = 'article'): ParsedMarkdown {
  // `----` opens no front matter for gray-matter (a Markdown rule), so only `---x` names a language.
  const language = matter.test(markdown) && markdown[3] !== '-' ? matter.language(markdown).name.toLowerCase() : '';
  if (!YAML_NAMES.has(language)) {
    throw new FrontMatterError(
      `${source}: "---${language}" front matter is not accepted; ` +
        `only YAML front matter is (start the file with a plain --- line)`,
    );
  }
  let parsed: matter.GrayMatterFile<string>;
  try {
    // A non-empty options object also stops gray-matter from caching by content across calls.
    parsed = matter(markdown, { language: 'yaml', engines: ENGINES });
  } catch (err) {
    throw new FrontMatterError(
      `${source}: invalid front-matter YAML (${(err as Error).message}); fix the block between the --- lines`,
    );
  }
  if (typeof parsed.data !== 'object' || parsed.data === null || Array.isArray(parsed.data)) {
    throw new FrontMatterError(`${source}: front matter must be YAML "key: value" lines`);
  }
  const raw = parsed.data as Record<string, unknown>;
  return {
    data: {
      title: optionalString(raw.title, 'title', source),
      url: optionalString(raw.url, 'url', source),
      pages: stringList(raw.pages, 'pages', source),
      tags: stringList(raw.tags, 'tags', source),
      lang: optionalString(raw.lang, 'lang', source),
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
  return list
    .map((item) => {
      if (typeof item !== 'string' && typeof item !== 'number') {
        throw new FrontMatterError(`${source}: front-matter "${field}" must be a string or a list of strings`);
      }
      return String(item).trim();
    })
    .filter(Boolean);
}
