import { marked, type Token, type Tokens } from 'marked';
import { isAllowedRichHref, RICH_LIMITS, type RichBlock, type RichInline } from '../../protocol/rich-text.js';

/** A run of an article under one heading (null: before the first heading), as rich-text blocks. */
export interface MarkdownSection {
  heading: string | null;
  blocks: RichBlock[];
}

/**
 * Markdown (an article's body, or a language model's answer) to the rich-text blocks the widget
 * and console render, through marked's lexer and one allow-list: paragraphs, lists and tables (as
 * lists) survive; bold, inline code and http(s) or help-center links inside them; raw HTML,
 * images and unsafe links become their plain words. Headings split the result into sections.
 */
export function markdownSections(markdown: string): MarkdownSection[] {
  const sections: MarkdownSection[] = [{ heading: null, blocks: [] }];
  for (const token of marked.lexer(markdown)) {
    if (token.type === 'heading') {
      sections.push({ heading: plain(inlineOf((token as Tokens.Heading).tokens)), blocks: [] });
      continue;
    }
    sections[sections.length - 1]!.blocks.push(...blocksOf(token));
  }
  return sections.filter((s) => s.blocks.length > 0 || s.heading !== null);
}

/** All of a Markdown text as blocks; headings become bold paragraphs. Bounded to the schema's limits. */
export function markdownToRich(markdown: string): RichBlock[] {
  const out: RichBlock[] = [];
  for (const s of markdownSections(markdown)) {
    if (s.heading) out.push({ p: [{ b: s.heading }] });
    out.push(...s.blocks);
  }
  return out.slice(0, RICH_LIMITS.blocks);
}

function blocksOf(token: Token): RichBlock[] {
  switch (token.type) {
    case 'paragraph':
    case 'text': {
      const line = inlineOf(
        (token as Tokens.Paragraph).tokens ?? [{ type: 'text', raw: token.raw, text: (token as Tokens.Text).text }],
      );
      return plain(line).trim() ? [{ p: line }] : [];
    }
    case 'list': {
      const list = token as Tokens.List;
      const items = list.items
        .map(itemLine)
        .filter((l) => plain(l).trim())
        .slice(0, RICH_LIMITS.items);
      if (!items.length) return [];
      if (!list.ordered) return [{ ul: items }];
      const start = typeof list.start === 'number' ? list.start : 1;
      return [start === 1 ? { ol: items } : { ol: items, start }];
    }
    case 'table': {
      // A table reads as a list of its rows: "**Owner**: Everything, including billing".
      const table = token as Tokens.Table;
      const rows = table.rows
        .map((cells) =>
          joinLines(
            cells.map((c) => inlineOf(c.tokens)),
            ': ',
          ),
        )
        .filter((l) => plain(l).trim());
      return rows.length ? [{ ul: rows.slice(0, RICH_LIMITS.items) }] : [];
    }
    case 'code':
      return [{ p: [{ code: clip((token as Tokens.Code).text) }] }];
    case 'blockquote':
      return (token as Tokens.Blockquote).tokens.flatMap(blocksOf);
    default:
      // space, hr, html, def: nothing a visitor reads.
      return [];
  }
}

/** A list item as one line; a nested list's items follow its text, separated by "; ". */
function itemLine(item: Tokens.ListItem): RichInline[] {
  const parts: RichInline[][] = [];
  for (const t of item.tokens) {
    if (t.type === 'list') parts.push(...(t as Tokens.List).items.map(itemLine));
    else if (t.type === 'text' || t.type === 'paragraph') parts.push(inlineOf((t as Tokens.Text).tokens ?? [t]));
  }
  return joinLines(parts, '; ');
}

function joinLines(lines: RichInline[][], sep: string): RichInline[] {
  const out: RichInline[] = [];
  lines.filter((l) => plain(l).trim()).forEach((l, i) => out.push(...(i ? [sep] : []), ...l));
  return merge(out);
}

function inlineOf(tokens: readonly Token[] | undefined): RichInline[] {
  const out: RichInline[] = [];
  for (const t of tokens ?? []) {
    switch (t.type) {
      case 'strong':
        out.push({ b: clip(plain(inlineOf((t as Tokens.Strong).tokens))) });
        break;
      case 'codespan':
        out.push({ code: clip(decode((t as Tokens.Codespan).text)) });
        break;
      case 'link': {
        const link = t as Tokens.Link;
        const words = plain(inlineOf(link.tokens)) || link.href;
        out.push(isAllowedRichHref(link.href) ? { link: clip(words), href: link.href } : words);
        break;
      }
      case 'br':
        out.push(' ');
        break;
      case 'html':
        // Raw HTML in Markdown is never rendered; its tags carry no words worth keeping.
        break;
      case 'image':
        out.push((t as Tokens.Image).text);
        break;
      default: {
        const nested = (t as { tokens?: Token[] }).tokens;
        out.push(...(nested?.length ? inlineOf(nested) : [decode((t as { text?: string }).text ?? '')]));
      }
    }
  }
  return merge(out);
}

/** Adjacent strings become one; empty strings go. Keeps lines short on the wire. */
function merge(line: RichInline[]): RichInline[] {
  const out: RichInline[] = [];
  for (const i of line) {
    if (typeof i === 'string') {
      if (!i) continue;
      const last = out[out.length - 1];
      if (typeof last === 'string') out[out.length - 1] = clip(last + i);
      else out.push(clip(i));
    } else out.push(i);
  }
  return out.slice(0, RICH_LIMITS.inlinesPerLine);
}

const plain = (line: readonly RichInline[]) =>
  line.map((i) => (typeof i === 'string' ? i : 'b' in i ? i.b : 'code' in i ? i.code : i.link)).join('');
const clip = (s: string) => s.slice(0, RICH_LIMITS.inline);
const ENTITIES: Record<string, string> = { '&amp;': '&', '&lt;': '<', '&gt;': '>', '&quot;': '"', '&#39;': "'" };
const decode = (s: string) => s.replace(/&(?:amp|lt|gt|quot|#39);/g, (m) => ENTITIES[m]!);
