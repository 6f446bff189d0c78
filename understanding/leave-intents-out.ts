/**
 * Leave-intents-out simulation: how the classifier behaves on questions about an intent nobody set
 * up, learnt from the training examples alone. Each fold hides a few whole intents (their examples
 * play the unseen, in-domain out-of-scope questions) and a share of every other intent's examples
 * (they play ordinary in-scope questions), trains a probe scorer on the rest and scores both. The
 * rejection threshold then comes from this catalog's own data, so it adapts to its size and wording
 * and never needs an out-of-scope example.
 */
import { mulberry32 } from './seeded-random.js';
import { trainIntentScorer, type IntentScorerOptions } from './intent-scorer.js';
import type { TextFeatures } from './text-features.js';
import { fitVocabularyCoverage, type VocabularyCoverage } from './vocabulary-coverage.js';

export interface LeaveIntentsOutOptions {
  /** Folds per repeat; fold f hides a disjoint block of intents. */
  folds: number;
  /**
   * Repeats of the folds, each with its own draw of hidden intents and held-out examples; their
   * samples are pooled, so the threshold is chosen on the curve averaged over every draw. One
   * draw is noisy on a small catalog: which two or three intents happen to be hidden moves the
   * threshold more than anything in the data.
   */
  repeats?: number;
  /** Share of the intents each fold hides. */
  hiddenIntentShare: number;
  /** Share of each visible intent's examples held out as in-scope questions. */
  holdoutFraction: number;
  seed: number;
  /**
   * The intents' names: each intent's draws are seeded by its name, so adding an example to one
   * intent (or adding an intent) leaves what every other intent hides and holds out unchanged.
   * Without names, class indices seed the draws.
   */
  names?: readonly string[];
}

export interface ProbeSample {
  scores: Float64Array;
  features: TextFeatures;
  /** Probe-label index of the true intent, or -1 when the intent was hidden (simulated out of scope). */
  gold: number;
  /** The probe's vocabulary, for familiarity. */
  vocabulary: VocabularyCoverage;
}

function shuffle<T>(xs: T[], rand: () => number): T[] {
  for (let i = xs.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    [xs[i], xs[j]] = [xs[j]!, xs[i]!];
  }
  return xs;
}

/** FNV-1a of a string mixed with a seed: a stable per-intent seed. */
function seedFor(seed: number, key: string): number {
  let h = (0x811c9dc5 ^ seed) >>> 0;
  for (let i = 0; i < key.length; i++) h = Math.imul(h ^ key.charCodeAt(i), 0x01000193) >>> 0;
  return h;
}

/**
 * Held-out probe samples from every fold of every repeat. Visible intents with fewer than 3
 * examples lend none (a probe must still learn them). Folds stop early when fewer than 2 intents
 * would stay visible.
 */
export function leaveIntentsOutSamples(
  texts: string[],
  labels: Int32Array,
  classes: number,
  o: LeaveIntentsOutOptions,
  scorerOptions: Partial<IntentScorerOptions>,
): ProbeSample[] {
  const key = (k: number): string => o.names?.[k] ?? `#${k}`;
  const byClass: number[][] = Array.from({ length: classes }, () => []);
  labels.forEach((l, i) => byClass[l]!.push(i));
  const perFold = Math.max(1, Math.round(classes * o.hiddenIntentShare));
  const samples: ProbeSample[] = [];
  for (let r = 0; r < Math.max(1, o.repeats ?? 1); r++) {
    const repeatSeed = (o.seed + r * 0x9e3779b1) >>> 0;
    const examplesOf = byClass.map((idx, k) => shuffle([...idx], mulberry32(seedFor(repeatSeed, key(k)))));
    // Hidden blocks in order of a per-name random key: independent of how many examples each intent has.
    const rank = [...Array(classes).keys()].map((k) => mulberry32(seedFor(repeatSeed ^ 0x5bd1e995, key(k)))());
    const order = [...Array(classes).keys()].sort((a, b) => rank[a]! - rank[b]! || a - b);
    for (let f = 0; f < o.folds; f++) {
      const hidden = new Set(order.slice(f * perFold, (f + 1) * perFold));
      if (hidden.size === 0 || classes - hidden.size < 2) break;
      const visible = [...Array(classes).keys()].filter((k) => !hidden.has(k));
      const remap = new Map(visible.map((k, j) => [k, j]));
      const fit: number[] = [];
      const held: number[] = [];
      for (const k of visible) {
        const idx = examplesOf[k]!;
        // Rotate which examples are held out from fold to fold, so folds see different ones.
        const k0 = idx.length < 3 ? 0 : Math.max(1, Math.round(idx.length * o.holdoutFraction));
        const from = (f * k0) % Math.max(1, idx.length);
        idx.forEach((i, j) => ((j - from + idx.length) % idx.length < k0 ? held : fit).push(i));
      }
      const unseen = [...hidden].flatMap((k) => byClass[k]!);
      const probe = trainIntentScorer(
        fit.map((i) => texts[i]!),
        Int32Array.from(fit, (i) => remap.get(labels[i]!)!),
        visible.length,
        scorerOptions,
      );
      const vocabulary = fitVocabularyCoverage(probe.trainingFeatures);
      const add = (i: number, gold: number): void => {
        const features = probe.extract(texts[i]!);
        samples.push({ scores: probe.score(features), features, gold, vocabulary });
      };
      for (const i of held) add(i, remap.get(labels[i]!)!);
      for (const i of unseen) add(i, -1);
    }
  }
  return samples;
}

export interface RejectionChoice {
  threshold: number;
  /** On the probe samples at that threshold. */
  inScopeRejected: number;
  /** Share of the in-scope samples that the probe answered right and the threshold turns away: accuracy lost. */
  inScopeLost: number;
  unseenRejected: number;
  inScopeAccuracy: number;
}

/**
 * The confidence threshold that maximises (in-scope answered right) + unseenWeight x (unseen
 * rejected), as shares of each group, within two budgets: it never costs more than maxInScopeLoss
 * of in-scope accuracy (right answers turned away: what a catalog whose visitors only ask about
 * intents it has pays for the rejection), nor rejects more than maxInScopeRejection
 * of all in-scope samples (an unlucky small catalog must not start refusing everything).
 */
export function chooseRejectionThreshold(
  inScope: Array<{ confidence: number; correct: boolean }>,
  unseen: number[],
  o: { unseenWeight: number; maxInScopeRejection: number; maxInScopeLoss: number },
): RejectionChoice {
  const nIn = Math.max(1, inScope.length);
  const nOut = Math.max(1, unseen.length);
  // Sweep thresholds upward over every observed confidence: at t everything strictly below t is rejected.
  const events = [
    ...inScope.map((s) => ({ c: s.confidence, inScope: true, correct: s.correct })),
    ...unseen.map((c) => ({ c, inScope: false, correct: false })),
  ].sort((a, b) => a.c - b.c);
  const totalCorrect = inScope.filter((s) => s.correct).length;
  let best: RejectionChoice = {
    threshold: 0,
    inScopeRejected: 0,
    inScopeLost: 0,
    unseenRejected: 0,
    inScopeAccuracy: totalCorrect / nIn,
  };
  let bestValue = best.inScopeAccuracy;
  let rejIn = 0;
  let rejOut = 0;
  let lostCorrect = 0;
  for (let i = 0; i < events.length; ) {
    const c = events[i]!.c;
    // Reject the whole run of equal confidences together.
    for (; i < events.length && events[i]!.c === c; i++) {
      const e = events[i]!;
      if (e.inScope) {
        rejIn++;
        if (e.correct) lostCorrect++;
      } else rejOut++;
    }
    if (rejIn / nIn > o.maxInScopeRejection || lostCorrect / nIn > o.maxInScopeLoss) break;
    const acc = (totalCorrect - lostCorrect) / nIn;
    const value = acc + o.unseenWeight * (rejOut / nOut);
    const next = i < events.length ? events[i]!.c : c;
    if (value > bestValue) {
      bestValue = value;
      best = {
        threshold: (c + next) / 2,
        inScopeRejected: rejIn / nIn,
        inScopeLost: lostCorrect / nIn,
        unseenRejected: rejOut / nOut,
        inScopeAccuracy: acc,
      };
    }
  }
  return best;
}
