import { parse, NodeType, type HTMLElement, type Node } from 'node-html-parser';

/** Elements whose content is never help text: code, chrome around the article, and forms. */
const DROP = new Set([
  'script',
  'style',
  'noscript',
  'template',
  'iframe',
  'object',
  'embed',
  'svg',
  'canvas',
  'head',
  'nav',
  'header',
  'footer',
  'aside',
  'form',
  'button',
  'input',
  'select',
  'textarea',
  'dialog',
]);
const BLOCK = new Set([
  'p',
  'div',
  'section',
  'article',
  'main',
  'ul',
  'ol',
  'table',
  'thead',
  'tbody',
  'tr',
  'blockquote',
  'pre',
  'dl',
  'dt',
  'dd',
  'figure',
  'figcaption',
  'details',
  'summary',
  'hr',
  'body',
  'html',
]);

/**
 * Turns HTML into Markdown-ish plain text with a real HTML parser (node-html-parser): headings
 * stay as `#` lines so chunking follows the structure, list items become `- ` lines, table
 * cells are separated by ` | `. Scripts, styles, navigation, header, footer, aside and forms
 * are dropped (also elements with `role="navigation"` or `hidden`). Entities are decoded and
 * no markup survives: the output is text, never HTML.
 */
export function htmlToText(html: string): string {
  // The parser keeps declarations (`<!doctype>`, `<?xml?>`, CDATA) as text; they are never content.
  const source = html.replace(/<![^>]*>|<\?[^>]*\?>/g, ' ');
  const root = parse(source, {
    comment: false,
    blockTextElements: { script: false, style: false, noscript: false, pre: true },
  });
  const out: string[] = [];
  walk(root, out);
  return out
    .join('')
    .split('\n')
    .map((line) => line.replace(/[ \t\f\v\u00a0]+/g, ' ').trim())
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

/** The `<title>` (or first `<h1>`) of an HTML document, for uploads without front-matter. */
export function htmlTitle(html: string): string | undefined {
  const root = parse(html, { comment: false });
  const text = (root.querySelector('title') ?? root.querySelector('h1'))?.text.replace(/\s+/g, ' ').trim();
  return text || undefined;
}

function walk(node: Node, out: string[]): void {
  if (node.nodeType === NodeType.TEXT_NODE) {
    out.push(node.text.replace(/\s+/g, ' '));
    return;
  }
  if (node.nodeType !== NodeType.ELEMENT_NODE) return;
  const el = node as HTMLElement;
  const tag = el.rawTagName?.toLowerCase() ?? '';
  if (
    DROP.has(tag) ||
    el.getAttribute('role') === 'navigation' ||
    el.hasAttribute('hidden') ||
    el.getAttribute('aria-hidden') === 'true'
  )
    return;

  const heading = /^h([1-6])$/.exec(tag);
  if (heading) {
    const text = el.text.replace(/\s+/g, ' ').trim();
    if (text) out.push(`\n\n${'#'.repeat(Number(heading[1]))} ${text}\n\n`);
    return;
  }
  if (tag === 'br') return void out.push('\n');
  if (tag === 'li') out.push('\n- ');
  else if (BLOCK.has(tag)) out.push('\n\n');
  if (tag === 'pre') {
    out.push(el.text);
  } else {
    for (const child of el.childNodes) walk(child, out);
  }
  if (tag === 'td' || tag === 'th') out.push(' | ');
  else if (BLOCK.has(tag)) out.push('\n\n');
}
