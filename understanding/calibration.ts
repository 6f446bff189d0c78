/** Softmax temperature scaling (Guo et al. 2017): one parameter, fitted on held-out scores. */

export function softmax(scores: ArrayLike<number>, temperature: number, out = new Float64Array(scores.length)): Float64Array {
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

/** Golden-section search on log(T); the NLL is unimodal in T for a fixed score set. */
export function fitTemperature(scores: Float64Array[], gold: number[], fallback = 0.1): number {
  if (scores.length === 0) return fallback;
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
