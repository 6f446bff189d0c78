import { describe, expect, it } from 'vitest';
import { chunkArticle, chunkEmbeddingText } from '../../knowledge/chunk-article.js';
import { htmlToText } from '../../knowledge/html-to-text.js';

describe('chunkArticle', () => {
  it('splits Markdown on headings and carries title + heading path', async () => {
    const body = [
      '# Billing email',
      'Intro text about billing.',
      '## Update it',
      'Go to Settings > Billing.',
      '### Details',
      'Click Edit.',
      '## Troubleshooting',
      'Check spam.',
      '```',
      '# not a heading inside code',
      '```',
    ].join('\n');
    const chunks = await chunkArticle({ title: 'Billing email', body, format: 'markdown' });
    expect(chunks.map((c) => c.headingPath)).toEqual([
      'Billing email',
      'Billing email > Update it',
      'Billing email > Update it > Details',
      'Billing email > Troubleshooting',
    ]);
    expect(chunks.map((c) => c.ordinal)).toEqual([0, 1, 2, 3]);
    expect(chunks[3]!.text).toContain('# not a heading inside code');
    expect(chunkEmbeddingText(chunks[1]!)).toMatch(/^Billing email > Update it\n/);
  });

  it('splits long sections by size with overlap', async () => {
    const sentences = Array.from({ length: 60 }, (_, i) => `Sentence number ${i} explains a step.`);
    const body = `## Steps\n\n${sentences.join(' ')}`;
    const chunks = await chunkArticle(
      { title: 'Long', body, format: 'markdown' },
      { chunkSize: 300, chunkOverlap: 80 },
    );
    expect(chunks.length).toBeGreaterThan(3);
    for (const c of chunks) {
      expect(c.text.length).toBeLessThanOrEqual(300);
      expect(c.headingPath).toBe('Long > Steps');
    }
    // Consecutive pieces share text: the tail of one starts the next.
    for (let i = 1; i < chunks.length; i++) {
      const tail = chunks[i - 1]!.text.slice(-25);
      const overlap = tail.split(' ').slice(1).join(' ');
      expect(chunks[i]!.text).toContain(overlap);
    }
  });

  it('splits plain text by paragraphs', async () => {
    const para = (n: number) => `Paragraph ${n}. ` + 'word '.repeat(40).trim();
    const body = [para(1), para(2), para(3)].join('\n\n');
    const chunks = await chunkArticle({ title: 'Plain', body, format: 'text' }, { chunkSize: 250, chunkOverlap: 0 });
    expect(chunks).toHaveLength(3);
    expect(chunks[1]!.text.startsWith('Paragraph 2.')).toBe(true);
    expect(chunks.every((c) => c.headingPath === 'Plain')).toBe(true);
  });

  it('keeps HTML headings and drops scripts and markup', async () => {
    const html =
      '<h1>Guide</h1><p>Hello &amp; ' +
      'welcome</p><script>alert(1)</script><h2>Steps</h2><ul><li>One</li><li>Two</li></ul>';
    expect(htmlToText(html)).not.toMatch(/<|alert/);
    const chunks = await chunkArticle({ title: 'Guide', body: html, format: 'html' });
    expect(chunks.map((c) => c.headingPath)).toEqual(['Guide', 'Guide > Steps']);
    expect(chunks[0]!.text).toBe('Hello & welcome');
    expect(chunks[1]!.text).toContain('- One');
  });

  it('gives an empty article one title chunk so it can still be found', async () => {
    const chunks = await chunkArticle({ title: 'Only a title', body: '', format: 'markdown' });
    expect(chunks).toEqual([{ ordinal: 0, headingPath: 'Only a title', text: 'Only a title' }]);
  });
});
