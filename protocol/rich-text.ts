import { z } from 'zod';
import { text } from './clean-text.js';

/**
 * Rich text without HTML: the few shapes an answer needs (paragraphs, numbered and bulleted lists;
 * bold, inline code and links inside them), as data the widget and console render as elements.
 * Compact on the wire: a plain string is text, `{b}` bold, `{code}` inline code, `{link, href}` a link.
 * A message's `text` stays the plain-text fallback.
 */
export const RICH_LIMITS = { inline: 2000, href: 2048, inlinesPerLine: 60, items: 40, blocks: 40 } as const;

/**
 * A link target the help center may use: an absolute http(s) URL, or a path on the help center
 * ("/help/billing-email"). Anything else (javascript:, data:, "//host", backslashes) is refused.
 */
export function isAllowedRichHref(href: string): boolean {
  if (href.length > RICH_LIMITS.href || /[\s\\\u0000-\u001f]/.test(href)) return false;
  if (/^https?:\/\/[^/?#@]+/i.test(href)) return true;
  return /^\/(?![/])/.test(href);
}

const InlineText = text().max(RICH_LIMITS.inline);
export const RichInline = z.union([
  InlineText,
  z.object({ b: InlineText }).strict(),
  z.object({ code: InlineText }).strict(),
  z
    .object({
      link: InlineText,
      href: text().max(RICH_LIMITS.href).refine(isAllowedRichHref, 'links must be http(s) or a help-center path'),
    })
    .strict(),
]);
export type RichInline = z.infer<typeof RichInline>;

const Line = z.array(RichInline).max(RICH_LIMITS.inlinesPerLine);
export const RichBlock = z.union([
  z.object({ p: Line }).strict(),
  z
    .object({ ol: z.array(Line).min(1).max(RICH_LIMITS.items), start: z.number().int().min(0).max(10_000).optional() })
    .strict(),
  z.object({ ul: z.array(Line).min(1).max(RICH_LIMITS.items) }).strict(),
]);
export type RichBlock = z.infer<typeof RichBlock>;

export const RichText = z.array(RichBlock).max(RICH_LIMITS.blocks);
export type RichText = z.infer<typeof RichText>;

/** The plain text of a line (bold and code lose their marks, a link keeps its words). */
export function richLineText(line: readonly RichInline[]): string {
  return line.map((i) => (typeof i === 'string' ? i : 'b' in i ? i.b : 'code' in i ? i.code : i.link)).join('');
}

/** The plain-text fallback of rich text: blank lines between blocks, "1." and "-" before list items. */
export function richTextToPlain(blocks: readonly RichBlock[]): string {
  return blocks
    .map((b) => {
      if ('p' in b) return richLineText(b.p);
      if ('ol' in b) return b.ol.map((item, i) => `${(b.start ?? 1) + i}. ${richLineText(item)}`).join('\n');
      return b.ul.map((item) => `- ${richLineText(item)}`).join('\n');
    })
    .join('\n\n');
}
