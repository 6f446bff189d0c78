import { describe, expect, it } from 'vitest';
import { isAllowedRichHref, RichText, richTextToPlain } from '../../../protocol/rich-text.js';
import { markdownToRich } from '../../../server/answers/markdown-blocks.js';

describe('Markdown to rich text (articles and model answers, one allow-list)', () => {
  it('keeps paragraphs, numbered and bulleted lists, bold, code and safe links', () => {
    const rich = markdownToRich(
      'Go **here**:\n\n1. Open `Settings`.\n2. Read [the guide](/help/guide).\n\n- one\n- [two](https://example.com/x)',
    );
    expect(rich).toEqual([
      { p: ['Go ', { b: 'here' }, ':'] },
      {
        ol: [
          ['Open ', { code: 'Settings' }, '.'],
          ['Read ', { link: 'the guide', href: '/help/guide' }, '.'],
        ],
      },
      { ul: [['one'], [{ link: 'two', href: 'https://example.com/x' }]] },
    ]);
    expect(RichText.parse(rich)).toEqual(rich);
    expect(richTextToPlain(rich)).toBe('Go here:\n\n1. Open Settings.\n2. Read the guide.\n\n- one\n- two');
  });

  it('turns unsafe links, raw HTML and images into plain words', () => {
    const rich = markdownToRich(
      'Click [me](javascript:alert(1)) or [there](//evil.example) ' +
        '<img src=x onerror=alert(1)> <b>bold</b> ![logo](x.png)',
    );
    const json = JSON.stringify(rich);
    expect(json).not.toContain('javascript');
    expect(json).not.toContain('href');
    expect(json).not.toContain('<');
    expect(richTextToPlain(rich)).toContain('Click me or there');
  });

  it('reads a table as a list of rows', () => {
    expect(markdownToRich('| Role | Can do |\n|---|---|\n| **Guest** | Free |')).toEqual([
      { ul: [[{ b: 'Guest' }, ': Free']] },
    ]);
  });

  it('the schema refuses links that are not http(s) or a help-center path', () => {
    for (const bad of ['javascript:alert(1)', 'data:text/html,x', '//evil.example', '/\\evil', 'https://a b'])
      expect(isAllowedRichHref(bad)).toBe(false);
    for (const good of ['https://example.com/help', 'http://x.test', '/help/billing-email'])
      expect(isAllowedRichHref(good)).toBe(true);
    expect(RichText.safeParse([{ p: [{ link: 'x', href: 'javascript:alert(1)' }] }]).success).toBe(false);
  });
});
