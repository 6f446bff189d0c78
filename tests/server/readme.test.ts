import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
const scripts = (
  JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as {
    scripts: Record<string, string>;
  }
).scripts;

/** What a person who cloned the repository reads first must hold for their clone. */
describe('README', () => {
  it('points at nothing a clone lacks', () => {
    expect(readme).not.toMatch(/CONTRACT\.md/);
    expect(readme).not.toMatch(/\.\.\/shared\b/);
  });

  it('names only npm scripts that exist, including the password reset the banner names', () => {
    const named = [...readme.matchAll(/npm run ([\w-]+)/g)].map((m) => m[1]!);
    expect(named).toContain('reset-password');
    for (const name of new Set(named)) expect(scripts, `npm run ${name}`).toHaveProperty(name);
  });

  it('says answers stream only with a language model', () => {
    expect(readme).toMatch(/streams answers as they are written when a language model is configured/);
  });
});
