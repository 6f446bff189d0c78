/** Softmax temperature scaling (Guo et al. 2017): one parameter, fitted on held-out scores. */

export function softmax(
  scores: ArrayLike<number>,
  temperature: number,
  out = new Float64Array(scores.length),
): Float64Array {
  let max = -Infinity;
  for (let k = 0; k < scores.length; k++) if (scores[k]! > max) max = scores[k]!;
  let sum = 0;
  for (let k = 0; k < scores.length; k++) {
    const e = Math.exp((scores[k]! - max) / temperature);
    out[k] = e;
    sum += e;
  }
  for (let k = 0; k < scores.length; k++) out[k] = out[k]! / sum;
  return out;
}

function negLogLikelihood(scores: Float64Array[], gold: number[], temperature: number): number {
  let nll = 0;
  const p = new Float64Array(scores[0]?.length ?? 0);
  for (let i = 0; i < scores.length; i++) {
    softmax(scores[i]!, temperature, p);
    nll -= Math.log(Math.max(p[gold[i]!]!, 1e-12));
  }
  return nll / Math.max(1, scores.length);
}

/**
 * Golden-section search on log(T); the NLL is unimodal in T for a fixed score set. Returns
 * `fallback` when the scores cannot say anything about T: no usable row (empty, a non-finite
 * score, a gold index outside the scores, fewer than two classes), or every row's scores all equal (the NLL is flat).
 */
export function fitTemperature(scores: Float64Array[], gold: number[], fallback = 0.1): number {
  const rows: Float64Array[] = [];
  const golds: number[] = [];
  let informative = false;
  for (let i = 0; i < scores.length; i++) {
    const s = scores[i]!;
    const g = gold[i];
    if (g === undefined || !Number.isInteger(g) || g < 0 || g >= s.length || s.length < 2) continue;
    // One softmax buffer serves every row: rows must have as many classes as the first.
    if (rows.length > 0 && s.length !== rows[0]!.length) continue;
    let finite = true;
    for (let k = 0; k < s.length && finite; k++) finite = Number.isFinite(s[k]!);
    if (!finite) continue;
    rows.push(s);
    golds.push(g);
    if (!informative) for (let k = 1; k < s.length && !informative; k++) informative = s[k] !== s[0];
  }
  if (rows.length === 0 || !informative) return fallback;
  const fitted = goldenSection(rows, golds);
  return Number.isFinite(fitted) && fitted > 0 ? fitted : fallback;
}

function goldenSection(scores: Float64Array[], gold: number[]): number {
  let lo = Math.log(1e-3);
  let hi = Math.log(10);
  const phi = (Math.sqrt(5) - 1) / 2;
  let a = hi - phi * (hi - lo);
  let b = lo + phi * (hi - lo);
  let fa = negLogLikelihood(scores, gold, Math.exp(a));
  let fb = negLogLikelihood(scores, gold, Math.exp(b));
  for (let it = 0; it < 40; it++) {
    if (fa < fb) {
      hi = b;
      b = a;
      fb = fa;
      a = hi - phi * (hi - lo);
      fa = negLogLikelihood(scores, gold, Math.exp(a));
    } else {
      lo = a;
      a = b;
      fa = fb;
      b = lo + phi * (hi - lo);
      fb = negLogLikelihood(scores, gold, Math.exp(b));
    }
  }
  return Math.exp((lo + hi) / 2);
}

/** The q-quantile of values (q in 0..1), linear between order statistics. */
export function quantile(values: number[], q: number): number {
  if (values.length === 0) return NaN;
  const s = [...values].sort((x, y) => x - y);
  const pos = Math.min(Math.max(q, 0), 1) * (s.length - 1);
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return s[lo]! + (s[hi]! - s[lo]!) * (pos - lo);
}
