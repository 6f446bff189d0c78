import { describe, expect, it } from 'vitest';
import { Embeddings } from '@langchain/core/embeddings';
import { LOCAL_EMBEDDING_DIMENSION, LocalEmbeddings } from '../../knowledge/local-embeddings.js';

const cosine = (a: number[], b: number[]) => a.reduce((s, x, i) => s + x * b[i]!, 0);

describe('LocalEmbeddings', () => {
  const e = new LocalEmbeddings();

  it('is a LangChain Embeddings with 512 dimensions', async () => {
    expect(e).toBeInstanceOf(Embeddings);
    expect(LOCAL_EMBEDDING_DIMENSION).toBe(512);
    const [v] = await e.embedDocuments(['Change the billing email']);
    expect(v).toHaveLength(512);
  });

  it('is deterministic across instances', async () => {
    const a = await e.embedQuery('reset my password');
    const b = await new LocalEmbeddings().embedQuery('reset my password');
    expect(a).toEqual(b);
  });

  it('returns L2-normalised vectors', async () => {
    for (const text of ['hi', 'How do I export all my project data to CSV?', 'x'.repeat(5000)]) {
      const v = await e.embedQuery(text);
      expect(Math.sqrt(cosine(v, v))).toBeCloseTo(1, 6);
    }
  });

  it('puts paraphrases closer than unrelated text', async () => {
    const [q, para, other] = await e.embedDocuments([
      'change billing email',
      'update invoice address',
      'what is the capital of France',
    ]);
    // No shared word at all: only the support-concept features connect them.
    expect(cosine(q!, para!)).toBeGreaterThan(0.1);
    expect(cosine(q!, para!)).toBeGreaterThan(5 * Math.max(cosine(q!, other!), 0.01));
    const [pw, forgot, csv] = await e.embedDocuments([
      'reset my password',
      'I forgot my login password',
      'export tasks to CSV',
    ]);
    expect(cosine(pw!, forgot!)).toBeGreaterThan(cosine(pw!, csv!));
  });

  it('gives stopword-only text a direction and wordless text the zero vector', async () => {
    const v = await e.embedQuery('how do I');
    expect(Math.sqrt(cosine(v, v))).toBeCloseTo(1, 6);
    expect((await e.embedQuery('!!! ???')).every((x) => x === 0)).toBe(true);
  });
});
