/**
 * Intents eval: trains the product's own classifier on a JSONL train file and reports on a JSONL
 * test file ({"text","label"}; label "oos" = out of scope). bench/eval.ts dispatches here.
 * Run directly (`tsx bench/eval-intents.ts --train A --test B [--oos-from queries.jsonl] [--json]`)
 * to add out-of-domain lines, built in a temp file at run time, to the test set.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { trainIntentClassifier } from '../understanding/intent-classifier.js';

export const OOS_LABEL = 'oos';

export interface IntentsEvalResult {
  accuracy: number;
  inScopeAccuracy: number;
  macroF1: number;
  oosRecall: number | null;
  oosPrecision: number | null;
  handoffRateInScope: number;
  /**
   * In-scope accuracy of the best-ranked intent with no rejection at all: the gap to
   * inScopeAccuracy is what out-of-scope rejection costs a catalog whose visitors only ask
   * about intents it has.
   */
  inScopeAccuracyIfAnswered: number;
  trainSeconds: number;
  /**
   * CPU time of this process while training and per classification: on a shared, loaded machine
   * wall-clock figures measure the neighbours; these measure the classifier.
   */
  trainCpuSeconds: number;
  p50Ms: number;
  p99Ms: number;
  p99CpuMs: number;
  /** The learnt confidence threshold and what leave-intents-out expected of it on train. */
  rejectionThreshold: number;
  simulated: { inScopeRejected: number; inScopeLost: number; unseenRejected: number; inScopeAccuracy: number } | null;
  worst: Array<{ label: string; f1: number; confusedWith: string | null }>;
}

interface Example {
  text: string;
  label: string;
}

function readJsonl(path: string): Example[] {
  return readFileSync(path, 'utf8')
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => {
      const o = JSON.parse(l) as { text?: unknown; label?: unknown };
      return { text: String(o.text ?? ''), label: String(o.label ?? '') };
    });
}

function percentile(sorted: number[], q: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)]!;
}

const round = (x: number, d = 4): number => Math.round(x * 10 ** d) / 10 ** d;

export async function runIntentsEval(args: {
  train: string;
  test: string;
  maxInScopeRejection?: number;
  maxInScopeLoss?: number;
}): Promise<IntentsEvalResult> {
  const train = readJsonl(args.train).filter((e) => e.label !== OOS_LABEL);
  const test = readJsonl(args.test);

  const t0 = performance.now();
  const cpu0 = process.cpuUsage();
  const classifier = trainIntentClassifier(train, {
    ...(args.maxInScopeRejection === undefined ? {} : { maxInScopeRejection: args.maxInScopeRejection }),
    ...(args.maxInScopeLoss === undefined ? {} : { maxInScopeLoss: args.maxInScopeLoss }),
  });
  const trainSeconds = (performance.now() - t0) / 1000;
  const trainCpu = process.cpuUsage(cpu0);
  const trainCpuSeconds = (trainCpu.user + trainCpu.system) / 1e6;

  // Latency is what a running server sees: let the JIT settle on a few texts first (untimed).
  for (const e of test.slice(0, 50)) classifier.classify(e.text);
  const latencies: number[] = [];
  const cpuLatencies: number[] = [];
  const predicted: string[] = [];
  const bestRanked: Array<string | null> = [];
  for (const e of test) {
    const c = process.cpuUsage();
    const s = performance.now();
    const p = classifier.classify(e.text);
    latencies.push(performance.now() - s);
    const used = process.cpuUsage(c);
    cpuLatencies.push((used.user + used.system) / 1000);
    predicted.push(p.intent ?? OOS_LABEL);
    bestRanked.push(p.ranked[0]?.intent ?? null);
  }
  latencies.sort((a, b) => a - b);
  cpuLatencies.sort((a, b) => a - b);

  let correct = 0;
  let inScope = 0;
  let inScopeCorrect = 0;
  let inScopeRejected = 0;
  let inScopeBestRankedCorrect = 0;
  let oos = 0;
  let oosCaught = 0;
  let rejected = 0;
  const tp = new Map<string, number>();
  const fp = new Map<string, number>();
  const fn = new Map<string, number>();
  const confusions = new Map<string, Map<string, number>>();
  const inc = (m: Map<string, number>, k: string): void => void m.set(k, (m.get(k) ?? 0) + 1);
  test.forEach((e, i) => {
    const p = predicted[i]!;
    if (p === e.label) correct++;
    if (p === OOS_LABEL) rejected++;
    if (e.label === OOS_LABEL) {
      oos++;
      if (p === OOS_LABEL) oosCaught++;
    } else {
      inScope++;
      if (p === e.label) inScopeCorrect++;
      if (p === OOS_LABEL) inScopeRejected++;
      if (bestRanked[i] === e.label) inScopeBestRankedCorrect++;
    }
    if (p === e.label) inc(tp, e.label);
    else {
      inc(fp, p);
      inc(fn, e.label);
      if (!confusions.has(e.label)) confusions.set(e.label, new Map());
      inc(confusions.get(e.label)!, p);
    }
  });

  // Macro-F1 over the in-scope labels of the test set; a rejection counts as a miss.
  const gold = [...new Set(test.map((e) => e.label))].filter((l) => l !== OOS_LABEL);
  const f1s = gold.map((label) => {
    const t = tp.get(label) ?? 0;
    const prec = t + (fp.get(label) ?? 0) === 0 ? 0 : t / (t + (fp.get(label) ?? 0));
    const rec = t + (fn.get(label) ?? 0) === 0 ? 0 : t / (t + (fn.get(label) ?? 0));
    const f1 = prec + rec === 0 ? 0 : (2 * prec * rec) / (prec + rec);
    const conf = [...(confusions.get(label) ?? new Map<string, number>())].sort((a, b) => b[1] - a[1])[0];
    return { label, f1: round(f1), confusedWith: conf ? conf[0] : null };
  });
  const macroF1 = f1s.reduce((s, x) => s + x.f1, 0) / Math.max(1, f1s.length);

  return {
    accuracy: round(correct / Math.max(1, test.length)),
    inScopeAccuracy: round(inScopeCorrect / Math.max(1, inScope)),
    macroF1: round(macroF1),
    oosRecall: oos === 0 ? null : round(oosCaught / oos),
    oosPrecision: oos === 0 ? null : rejected === 0 ? 0 : round(oosCaught / rejected),
    handoffRateInScope: round(inScopeRejected / Math.max(1, inScope)),
    inScopeAccuracyIfAnswered: round(inScopeBestRankedCorrect / Math.max(1, inScope)),
    trainSeconds: round(trainSeconds, 2),
    trainCpuSeconds: round(trainCpuSeconds, 2),
    p50Ms: round(percentile(latencies, 0.5), 3),
    p99Ms: round(percentile(latencies, 0.99), 3),
    p99CpuMs: round(percentile(cpuLatencies, 0.99), 3),
    rejectionThreshold: round(classifier.threshold),
    simulated: classifier.rejection
      ? {
          inScopeRejected: round(classifier.rejection.inScopeRejected),
          inScopeLost: round(classifier.rejection.inScopeLost),
          unseenRejected: round(classifier.rejection.unseenRejected),
          inScopeAccuracy: round(classifier.rejection.inScopeAccuracy),
        }
      : null,
    worst: [...f1s].sort((a, b) => a.f1 - b.f1).slice(0, 5),
  };
}

/**
 * Writes test + out-of-domain lines (texts of another JSONL file, labelled "oos") to a temp file,
 * so nothing is copied into the repository. Returns the path and a cleanup function.
 */
export function withOosLines(testPath: string, oosSourcePath: string, limit = 1000): { path: string; cleanup(): void } {
  const dir = mkdtempSync(join(tmpdir(), 'firstline-intents-'));
  const oos = readFileSync(oosSourcePath, 'utf8')
    .split('\n')
    .filter((l) => l.trim() !== '')
    .slice(0, limit)
    .map((l) => JSON.stringify({ text: String((JSON.parse(l) as { text?: unknown }).text ?? ''), label: OOS_LABEL }));
  const path = join(dir, 'test-with-oos.jsonl');
  writeFileSync(path, readFileSync(testPath, 'utf8').trimEnd() + '\n' + oos.join('\n') + '\n');
  return { path, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

function argValue(argv: string[], name: string): string | undefined {
  const i = argv.indexOf(name);
  return i >= 0 ? argv[i + 1] : undefined;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const argv = process.argv.slice(2);
  const train = argValue(argv, '--train');
  const test = argValue(argv, '--test');
  if (!train || !test) {
    console.error('usage: tsx bench/eval-intents.ts --train FILE --test FILE [--oos-from FILE] [--json]');
    process.exit(2);
  }
  const oosFrom = argValue(argv, '--oos-from');
  const built = oosFrom ? withOosLines(test, oosFrom) : null;
  try {
    const result = await runIntentsEval({ train, test: built?.path ?? test });
    console.log(argv.includes('--json') ? JSON.stringify(result) : JSON.stringify(result, null, 2));
  } finally {
    built?.cleanup();
  }
}
