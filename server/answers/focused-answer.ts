import type { Citation } from '../../protocol/domain.js';
import { richLineText, richTextToPlain, type RichBlock, type RichInline } from '../../protocol/rich-text.js';
import type { MarkdownSection } from './markdown-blocks.js';
import { matchScore, queryTerms, termsOf, type QueryTerms } from './query-terms.js';
import { resolveDanglingIt, subjectOf } from './dangling-pronoun.js';

/** An article the answer may quote: its sections, and the heading of the chunk retrieval found. */
export interface AnswerArticle {
  articleId: string;
  title: string;
  url: string | null;
  sections: readonly MarkdownSection[];
  /** The section retrieval ranked best (last part of the chunk's heading path), if any. */
  retrievedHeading: string | null;
}

export interface FocusedAnswer {
  blocks: RichBlock[];
  /** The plain-text fallback: the blocks, then the one source line. */
  text: string;
  citations: Citation[];
}

/** About how much of an article an answer quotes (plain-text characters, before the source line). */
export const ANSWER_BUDGET = 600;

/**
 * The offline answer: from the best article, the section that answers the question, and in it the
 * sentences and list items that match it (numbered steps stay whole and in order), with the
 * heading as context and no dangling "it"; at most about ANSWER_BUDGET characters, then one
 * source line. When the second article answers a part of the question the first does not, both
 * are quoted, each under its title, and both are cited.
 */
export function composeFocusedAnswer(args: { question: string; context?: string | null; articles: readonly AnswerArticle[] }): FocusedAnswer {
  const [first, second] = args.articles;
  if (!first) return { blocks: [], text: '', citations: [] };
  const terms = queryTerms(args.question, args.context);
  const a = pickSection(first, terms);
  const b = second && second.articleId !== first.articleId ? pickSection(second, terms) : null;
  const cite = (x: AnswerArticle): Citation => ({ articleId: x.articleId, title: x.title, url: x.url });
  if (a && b && answersAnotherPart(args.question, terms, a, b)) {
    const half = Math.floor(ANSWER_BUDGET / 2);
    const blocks: RichBlock[] = [
      { p: ['Your question has two parts, answered by two articles:'] },
      { p: [{ b: first.title }] },
      ...excerpt(a, terms, half, false),
      { p: [{ b: second!.title }] },
      ...excerpt(b, terms, half, false),
    ];
    return { blocks, text: `${richTextToPlain(blocks)}\n\nRead the full articles: ${first.title}; ${second!.title}`, citations: [cite(first), cite(second!)] };
  }
  if (!a) return { blocks: [], text: '', citations: [] };
  const blocks = excerpt(a, terms, ANSWER_BUDGET, true);
  return { blocks, text: `${richTextToPlain(blocks)}\n\nRead the full article: ${first.title}`, citations: [cite(first)] };
}

interface Picked {
  article: AnswerArticle;
  section: MarkdownSection;
  index: number;
  score: number;
  idf: (stem: string) => number;
  /** The visitor's own words the section (with the article title) has. */
  covers: Set<string>;
}

/** The section that answers: the most (rare) question words, its heading counting extra, retrieval's choice a little. */
function pickSection(article: AnswerArticle, terms: QueryTerms): Picked | null {
  const candidates = article.sections.map((s, index) => ({ s, index, have: termsOf(`${s.heading ?? ''} ${richTextToPlain(s.blocks)}`), head: termsOf(s.heading ?? '') }));
  const withText = candidates.filter((c) => c.s.blocks.length > 0);
  if (!withText.length) return null;
  const df = new Map<string, number>();
  for (const c of withText) for (const t of c.have) df.set(t, (df.get(t) ?? 0) + 1);
  const idf = (stem: string) => 1 + Math.log(withText.length / Math.max(1, df.get(stem) ?? withText.length));
  let best: (typeof withText)[number] | null = null;
  let bestScore = -1;
  for (const c of withText) {
    const score = matchScore(terms, c.have, idf) + 0.5 * matchScore(terms, c.head, idf) + (c.s.heading !== null && c.s.heading === article.retrievedHeading ? 0.75 : 0);
    if (score > bestScore) [best, bestScore] = [c, score];
  }
  const titleTerms = termsOf(article.title);
  const covers = new Set([...terms].filter(([stem, w]) => w === 1 && (best!.have.has(stem) || titleTerms.has(stem))).map(([stem]) => stem));
  return { article, section: best!.s, index: best!.index, score: bestScore, idf, covers };
}

const CONJOINED = /\b(and|also|plus|as well as)\b|\?.+\?/i;

/** The second article answers a part of the question the first does not (and the first a part of its own). */
function answersAnotherPart(question: string, terms: QueryTerms, a: Picked, b: Picked): boolean {
  if (!CONJOINED.test(question)) return false;
  const onlyB = [...b.covers].filter((t) => !a.covers.has(t) && !a.article.sections.some((s) => termsOf(`${s.heading ?? ''} ${richTextToPlain(s.blocks)}`).has(t)));
  const onlyA = [...a.covers].filter((t) => !b.covers.has(t));
  return onlyB.length > 0 && onlyA.length > 0 && b.score >= 0.5 * a.score && terms.size >= 3;
}

interface Unit {
  block: number;
  kind: 'sentence' | 'steps' | 'item';
  line: RichInline[];
  /** For list items: the position in the list; for sentences: in the paragraph. */
  at: number;
  chars: number;
  score: number;
}

const PROCEDURAL = /\b(how|steps?|where|change|update|set ?up|enable|turn on|add|create|reset|cancel|invite|connect|export|delete|remove|download|install|configure)\b/i;

/** The units of the section that answer, within the budget, in the article's order, with context. */
function excerpt(p: Picked, terms: QueryTerms, budget: number, lead: boolean): RichBlock[] {
  const units = unitsOf(p.section.blocks, terms, p.idf);
  const best = Math.max(0, ...units.map((u) => u.score));
  const chosen = new Set<Unit>();
  let used = lead && p.section.heading ? p.section.heading.length + 2 : 0;
  const take = (u: Unit, force = false) => {
    if (chosen.has(u) || (!force && used + u.chars > budget)) return;
    chosen.add(u);
    used += u.chars + 2;
  };
  if (best === 0) {
    // The section answers as a whole (its heading matched, or retrieval chose it): its opening.
    for (const u of units) take(u, chosen.size === 0);
  } else {
    const steps = units.find((u) => u.kind === 'steps');
    if (steps && (steps.score > 0 || PROCEDURAL.test([...terms.keys()].join(' ')) || PROCEDURAL.test(richLineText(steps.line)))) {
      // A short lead-in right before the steps ("Only Owners can change it.") belongs with them.
      const before = units[units.indexOf(steps) - 1];
      take(steps, true);
      if (before && before.kind === 'sentence' && before.block === steps.block - 1 && before.chars < 200) take(before);
    }
    const ranked = [...units].sort((x, y) => y.score - x.score || units.indexOf(x) - units.indexOf(y));
    take(ranked[0]!, true);
    for (const u of ranked) if (u.score > 0 && u.score >= 0.35 * best) take(u);
  }
  const blocks: RichBlock[] = [];
  if (lead && p.section.heading) blocks.push({ p: [{ b: p.section.heading }] });
  const subject = subjectOf(p.section.heading) ?? subjectOf(p.article.title);
  units.forEach((u, i) => {
    if (!chosen.has(u)) return;
    const prev = units[i - 1];
    const fragmentStart = !prev || !chosen.has(prev);
    const line = u.kind === 'sentence' && fragmentStart && subject ? resolveDanglingIt(u.line, subject) : u.line;
    const last = blocks[blocks.length - 1];
    const joinsLast = prev && chosen.has(prev) && prev.block === u.block;
    if (u.kind === 'steps') blocks.push({ ol: (p.section.blocks[u.block] as { ol: RichInline[][] }).ol, ...startOf(p.section.blocks[u.block]!) });
    else if (u.kind === 'item' && joinsLast && last && 'ul' in last) last.ul.push(line);
    else if (u.kind === 'item') blocks.push({ ul: [line] });
    else if (joinsLast && last && 'p' in last) last.p.push(' ', ...line);
    else blocks.push({ p: [...line] });
  });
  return blocks;
}

const startOf = (b: RichBlock) => ('ol' in b && b.start !== undefined ? { start: b.start } : {});

function unitsOf(blocks: readonly RichBlock[], terms: QueryTerms, idf: (stem: string) => number): Unit[] {
  const units: Unit[] = [];
  const unit = (block: number, kind: Unit['kind'], line: RichInline[], at: number) => {
    const text = richLineText(line);
    units.push({ block, kind, line, at, chars: text.length, score: matchScore(terms, termsOf(text), idf) });
  };
  blocks.forEach((b, i) => {
    if ('p' in b) splitSentences(b.p).forEach((s, at) => unit(i, 'sentence', s, at));
    else if ('ol' in b) unit(i, 'steps', b.ol.flatMap((item) => [...item, ' ']), 0);
    else b.ul.forEach((item, at) => unit(i, 'item', item, at));
  });
  return units;
}

/** A paragraph's sentences, split only in plain text (a bold "Lost your phone?" stays with its answer). */
export function splitSentences(line: readonly RichInline[]): RichInline[][] {
  const out: RichInline[][] = [[]];
  for (const part of line) {
    if (typeof part !== 'string') {
      out[out.length - 1]!.push(part);
      continue;
    }
    const pieces = part.split(/(?<=[.!?]["”)]?)\s+(?=[A-Z0-9"“(])/);
    pieces.forEach((piece, i) => {
      if (i > 0) out.push([]);
      if (piece) out[out.length - 1]!.push(piece);
    });
  }
  return out.filter((s) => richLineText(s).trim());
}
