import type { Citation } from '../../protocol/domain.js';
import { richLineText, richTextToPlain, type RichBlock, type RichInline } from '../../protocol/rich-text.js';
import type { MarkdownSection } from './markdown-blocks.js';
import { matchScore, queryTerms, termsOf, type QueryTerms } from './query-terms.js';
import { say } from '../../protocol/messages/catalogue.js';
import type { Language } from '../../protocol/messages/languages.js';
import { resolveDanglingIt, subjectOf } from './dangling-pronoun.js';
import { questionCues, type QuestionCues } from './question-cues.js';
import { focusOnProblem } from './problem-focus.js';

/** An article the answer may quote: its sections, and the heading of the chunk retrieval found. */
export interface AnswerArticle {
  articleId: string;
  title: string;
  url: string | null;
  sections: readonly MarkdownSection[];
  /** The section retrieval ranked best (last part of the chunk's heading path), if any. */
  retrievedHeading: string | null;
  /** Retrieval's score for the article (higher is more relevant). */
  score: number;
}

export interface FocusedAnswer {
  blocks: RichBlock[];
  /** The plain-text fallback: the blocks, then the one source line. */
  text: string;
  citations: Citation[];
}

/** About how much of an article an answer quotes (plain-text characters, before the source line). */
export const ANSWER_BUDGET = 560;

/**
 * The offline answer: from the best article, the section that answers the question, and in it the
 * sentences and list items that match it (numbered steps stay whole and in order), with the
 * heading as context and no dangling "it"; at most about ANSWER_BUDGET characters, then one
 * source line. When the second article answers a part of the question the first does not, both
 * are quoted, each under its title, and both are cited.
 */
export function composeFocusedAnswer(args: {
  question: string;
  context?: string | null;
  articles: readonly AnswerArticle[];
  language?: Language;
}): FocusedAnswer {
  const [first, second] = args.articles;
  if (!first) return { blocks: [], text: '', citations: [] };
  const cues = questionCues(args.language);
  const problem = cues.problem.test(args.question);
  const asked = queryTerms(args.question, args.context, args.language);
  const q: Question = {
    text: args.question,
    terms: problem ? focusOnProblem(args.question, asked, (t) => cues.problem.test(t)) : asked,
    problem,
    procedural: cues.procedural.test(args.question),
    who: cues.who.test(args.question),
    cues,
    language: args.language ?? 'en',
    termsOf: (text) => termsOf(text, args.language),
  };
  const a = pickSection(first, q);
  const b = second && second.articleId !== first.articleId ? pickSection(second, q) : null;
  const cite = (x: AnswerArticle): Citation => ({ articleId: x.articleId, title: x.title, url: x.url });
  if (a && b && answersAnotherPart(q, a, b)) {
    const half = Math.floor(ANSWER_BUDGET / 2);
    const blocks: RichBlock[] = [
      { p: [say(args.language, 'twoParts')] },
      { p: [{ b: first.title }] },
      ...excerpt(a, q, half, false),
      { p: [{ b: second!.title }] },
      ...excerpt(b, q, half, false),
    ];
    return {
      blocks,
      text: `${richTextToPlain(blocks)}\n\n${say(args.language, 'readAll')}: ${first.title}; ${second!.title}`,
      citations: [cite(first), cite(second!)],
    };
  }
  if (!a) return { blocks: [], text: '', citations: [] };
  const blocks = excerpt(a, q, ANSWER_BUDGET, true);
  return {
    blocks,
    text: `${richTextToPlain(blocks)}\n\n${say(args.language, 'readOne')}: ${first.title}`,
    citations: [cite(first)],
  };
}

/** The visitor's question as the composer reads it, in their language. */
interface Question {
  text: string;
  terms: QueryTerms;
  /** The visitor describes something going wrong. */
  problem: boolean;
  /** The visitor asks how to do something ("how do I", "wie", "comment", "cómo"). */
  procedural: boolean;
  /** The visitor asks who may do something. */
  who: boolean;
  cues: QuestionCues;
  language: Language;
  /** A text's terms, stemmed in the visitor's language (the quoted articles are in it). */
  termsOf: (text: string) => Set<string>;
}

interface Picked {
  article: AnswerArticle;
  section: MarkdownSection;
  index: number;
  score: number;
  idf: (stem: string) => number;
  /** The article never uses this word (see matchScore). */
  absent: (stem: string) => boolean;
  /** The visitor's own words the section (with the article title) has. */
  covers: Set<string>;
}

/**
 * The section that answers: the one holding the best-matching sentence or item, its heading and retrieval's choice
 * counting a little.
 */
function pickSection(article: AnswerArticle, q: Question): Picked | null {
  const { terms, problem } = q;
  const candidates = article.sections
    .map((s, index) => ({
      s,
      index,
      have: q.termsOf(`${s.heading ?? ''} ${richTextToPlain(s.blocks)}`),
      head: q.termsOf(s.heading ?? ''),
    }))
    .filter((c) => c.s.blocks.length > 0);
  if (!candidates.length) return null;
  const df = new Map<string, number>();
  for (const c of candidates) for (const t of c.have) df.set(t, (df.get(t) ?? 0) + 1);
  const idf = (stem: string) => 1 + Math.log(candidates.length / Math.max(1, df.get(stem) ?? candidates.length));
  const absent = (stem: string) => !df.has(stem);
  // "How do I ...?" is not answered by the article's overview ("You can cancel at any time.") when
  // a section of steps sits under a heading that names the task: the opening is left out then.
  const hasSteps = (c: (typeof candidates)[number]) => c.s.blocks.some((b) => 'ol' in b);
  const stepsForTask =
    q.procedural &&
    !problem &&
    candidates.some(
      (c) => c.s.heading !== null && hasSteps(c) && matchScore(terms, c.head, idf, q.language, absent) > 0,
    );
  let best: (typeof candidates)[number] | null = null;
  let bestScore = -1;
  for (const c of candidates) {
    if (stepsForTask && c.s.heading === null && !hasSteps(c)) continue;
    const units = unitsOf(c.s.blocks, q, idf, absent);
    const score =
      Math.max(0, ...units.map((u) => u.score)) +
      0.25 * matchScore(terms, c.have, idf, q.language, absent) +
      0.5 * matchScore(terms, c.head, idf, q.language, absent) +
      (problem && q.cues.problemHeading.test(c.s.heading ?? '') ? 1 : 0) +
      (c.s.heading !== null && c.s.heading === article.retrievedHeading ? 0.3 : 0);
    if (score > bestScore) [best, bestScore] = [c, score];
  }
  const topic = q.termsOf(`${article.title} ${best!.s.heading ?? ''}`);
  const covers = new Set([...terms].filter(([stem, w]) => w === 1 && topic.has(stem)).map(([stem]) => stem));
  return { article, section: best!.s, index: best!.index, score: bestScore, idf, absent, covers };
}

/** The second article answers a part of the question the first does not (and the first a part of its own). */
function answersAnotherPart(q: Question, a: Picked, b: Picked): boolean {
  const { terms } = q;
  if (!q.cues.conjoined.test(q.text) || b.article.score < 0.5 * a.article.score) return false;
  const onlyB = [...b.covers].filter((t) => !a.covers.has(t));
  const onlyA = [...a.covers].filter((t) => !b.covers.has(t));
  return onlyB.length > 0 && onlyA.length > 0 && terms.size >= 3;
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

/** A paragraph up to this long is one unit: its sentences lean on each other. */
const WHOLE_PARAGRAPH = 350;
/** Pronouns that need what came before them. */
const POINTS_BACK = /^\W*(it|this|that|they|these|those|then)\b|\b(it|them)\b(?!['’])/i;

/** The units of the section that answer, within the budget, in the article's order, with context. */
function excerpt(p: Picked, q: Question, budget: number, lead: boolean): RichBlock[] {
  const { problem } = q;
  // Half an answer (two articles) quotes single sentences; a whole one may keep a short paragraph together.
  const units = unitsOf(p.section.blocks, q, p.idf, p.absent, lead ? WHOLE_PARAGRAPH : 0);
  const best = Math.max(0, ...units.map((u) => u.score));
  const chosen = new Set<Unit>();
  let used = lead && p.section.heading ? p.section.heading.length + 2 : 0;
  const fits = (u: Unit) => used + u.chars <= budget;
  const take = (u: Unit | undefined, force = false) => {
    if (!u || chosen.has(u) || (!force && !fits(u))) return;
    chosen.add(u);
    used += u.chars + 2;
  };
  const ranked = [...units].sort((x, y) => y.score - x.score || units.indexOf(x) - units.indexOf(y));
  if (best === 0) {
    // The section answers as a whole (its heading matched, or retrieval chose it): its opening.
    for (const u of units) take(u, chosen.size === 0);
  } else {
    const steps = units.find((u) => u.kind === 'steps');
    const wantSteps = steps && (steps.score >= 0.5 * best || (!problem && q.procedural));
    if (wantSteps) {
      take(steps, true);
      // A short lead-in right before the steps ("Only Owners can change it.") belongs with them.
      const before = units[units.indexOf(steps) - 1];
      if (before && before.kind === 'sentence' && before.block === steps.block - 1 && before.chars < 200) take(before);
    }
    take(ranked[0], !wantSteps && (lead || chosen.size === 0));
    // Half an answer (two articles) keeps to its best unit; a whole one adds the others that match.
    if (lead) for (const u of ranked) if (u.score > 0 && u.score >= (u.kind === 'item' ? 0.65 : 0.35) * best) take(u);
  }
  // A chosen sentence that leans on the one before it ("Verify it before ...") gets it, if it fits.
  // Only English fragments get their dangling "it" resolved (dangling-pronoun.ts knows English).
  const subject = q.language === 'en' ? (subjectOf(p.section.heading) ?? subjectOf(p.article.title)) : null;
  if (!subject) {
    units.forEach((u, i) => {
      const prev = units[i - 1];
      if (
        chosen.has(u) &&
        u.kind === 'sentence' &&
        prev &&
        prev.block === u.block &&
        !chosen.has(prev) &&
        POINTS_BACK.test(richLineText(u.line))
      )
        take(prev);
    });
  }
  const blocks: RichBlock[] = [];
  if (lead && p.section.heading) blocks.push({ p: [{ b: p.section.heading }] });
  units.forEach((u, i) => {
    if (!chosen.has(u)) return;
    const prev = units[i - 1];
    const fragmentStart = !prev || !chosen.has(prev);
    const line = u.kind === 'sentence' && fragmentStart && subject ? resolveDanglingIt(u.line, subject) : u.line;
    const last = blocks[blocks.length - 1];
    const joinsLast = prev && chosen.has(prev) && prev.block === u.block;
    if (u.kind === 'steps')
      blocks.push({
        ol: (p.section.blocks[u.block] as { ol: RichInline[][] }).ol,
        ...startOf(p.section.blocks[u.block]!),
      });
    else if (u.kind === 'item' && joinsLast && last && 'ul' in last) last.ul.push(line);
    else if (u.kind === 'item') blocks.push({ ul: [line] });
    else if (joinsLast && last && 'p' in last) last.p.push(' ', ...line);
    else blocks.push({ p: [...line] });
  });
  return blocks;
}

const startOf = (b: RichBlock) => ('ol' in b && b.start !== undefined ? { start: b.start } : {});

/** What a unit that answers the kind of question asked (roles for "who") gains. */
const ANSWERS_KIND = 1.5;

function unitsOf(
  blocks: readonly RichBlock[],
  q: Question,
  idf: (stem: string) => number,
  absent: (stem: string) => boolean,
  wholeParagraph = WHOLE_PARAGRAPH,
): Unit[] {
  const { terms, problem } = q;
  const units: Unit[] = [];
  const unit = (block: number, kind: Unit['kind'], line: RichInline[], at: number, extraChars = 0) => {
    const text = richLineText(line);
    let score = matchScore(terms, q.termsOf(text), idf, q.language, absent);
    // "**No confirmation email?** Check spam ..." answers a problem the visitor describes.
    const first = line[0];
    if (problem && score > 0 && first && typeof first !== 'string' && 'b' in first && q.cues.problemLead.test(first.b))
      score += 1.5;
    // "Who can ...?" is answered by the sentence that names the roles ("Only Owners can ...").
    if (q.who && score > 0 && q.termsOf(text).has('~role')) score += ANSWERS_KIND;
    units.push({ block, kind, line, at, chars: text.length + extraChars, score });
  };
  blocks.forEach((b, i) => {
    if ('p' in b) {
      if (richLineText(b.p).length <= wholeParagraph) unit(i, 'sentence', b.p, 0);
      else splitSentences(b.p).forEach((s, at) => unit(i, 'sentence', s, at));
    } else if ('ol' in b) {
      // Steps count as their best step, plus a little for the others: a long list must not win by length.
      const scores = b.ol.map((item) => matchScore(terms, q.termsOf(richLineText(item)), idf, q.language, absent));
      const top = Math.max(0, ...scores);
      unit(
        i,
        'steps',
        b.ol.flatMap((item) => [...item, ' ']),
        0,
        4 * b.ol.length,
      );
      const stepsUnit = units[units.length - 1]!;
      stepsUnit.score = top + 0.2 * (scores.reduce((x, y) => x + y, 0) - top);
      if (q.who && top > 0 && b.ol.some((item) => q.termsOf(richLineText(item)).has('~role')))
        stepsUnit.score += ANSWERS_KIND;
    } else b.ul.forEach((item, at) => unit(i, 'item', item, at, 2));
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
    const pieces = part.split(/(?<=[.!?]["”»)]?)\s+(?=[\p{Lu}0-9"“«(¿¡])/u);
    pieces.forEach((piece, i) => {
      if (i > 0) out.push([]);
      if (piece) out[out.length - 1]!.push(piece);
    });
  }
  return out.filter((s) => richLineText(s).trim());
}
