/**
 * A small L2-regularised logistic regression, fitted by Newton's method (a handful of
 * iterations over standardised features). Pure data in, pure data out, so a fitted model is
 * stored as JSON and applied per query with one dot product.
 */
export interface LogisticModel {
  /** Per-feature mean and standard deviation used to standardise inputs. */
  mean: number[];
  scale: number[];
  weights: number[];
  bias: number;
}

export interface FitOptions {
  /** L2 penalty on the standardised weights (not the bias). */
  l2?: number;
  iterations?: number;
}

export function fitLogistic(x: readonly number[][], y: readonly number[], opts: FitOptions = {}): LogisticModel {
  const n = x.length;
  const d = x[0]?.length ?? 0;
  if (n === 0 || n !== y.length)
    throw new RangeError(`fitLogistic needs as many labels as rows (got ${n} rows, ${y.length} labels)`);
  const l2 = opts.l2 ?? 1;
  const mean = new Array<number>(d).fill(0);
  const scale = new Array<number>(d).fill(0);
  for (const row of x) for (let j = 0; j < d; j++) mean[j]! += row[j]! / n;
  for (const row of x) for (let j = 0; j < d; j++) scale[j]! += (row[j]! - mean[j]!) ** 2 / n;
  for (let j = 0; j < d; j++) scale[j] = Math.sqrt(scale[j]!) || 1;
  const z = x.map((row) => [...row.map((v, j) => (v - mean[j]!) / scale[j]!), 1]);
  // Parameters: d weights then the bias.
  const w = new Array<number>(d + 1).fill(0);
  for (let it = 0; it < (opts.iterations ?? 25); it++) {
    const grad = new Array<number>(d + 1).fill(0);
    const hess = Array.from({ length: d + 1 }, () => new Array<number>(d + 1).fill(0));
    for (let i = 0; i < n; i++) {
      const zi = z[i]!;
      const p = sigmoid(dot(w, zi));
      const r = p - y[i]!;
      const s = Math.max(p * (1 - p), 1e-9);
      for (let a = 0; a <= d; a++) {
        grad[a]! += r * zi[a]!;
        for (let b = a; b <= d; b++) hess[a]![b]! += s * zi[a]! * zi[b]!;
      }
    }
    for (let a = 0; a <= d; a++) {
      for (let b = 0; b < a; b++) hess[a]![b] = hess[b]![a]!;
      if (a < d) {
        grad[a]! += l2 * w[a]!;
        hess[a]![a]! += l2;
      }
    }
    hess[d]![d]! += 1e-6;
    const step = solve(hess, grad);
    let change = 0;
    for (let a = 0; a <= d; a++) {
      w[a]! -= step[a]!;
      change = Math.max(change, Math.abs(step[a]!));
    }
    if (change < 1e-6) break;
  }
  return { mean, scale, weights: w.slice(0, d), bias: w[d]! };
}

/** Probability of the positive class. */
export function predictLogistic(m: LogisticModel, x: readonly number[]): number {
  let s = m.bias;
  for (let j = 0; j < m.weights.length; j++) s += m.weights[j]! * (((x[j] ?? 0) - m.mean[j]!) / m.scale[j]!);
  return sigmoid(s);
}

function sigmoid(t: number): number {
  return t >= 0 ? 1 / (1 + Math.exp(-t)) : Math.exp(t) / (1 + Math.exp(t));
}

function dot(a: readonly number[], b: readonly number[]): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i]! * b[i]!;
  return s;
}

/** Gaussian elimination with partial pivoting; `a` is symmetric positive definite here. */
function solve(a: number[][], b: number[]): number[] {
  const n = b.length;
  const m = a.map((row, i) => [...row, b[i]!]);
  for (let c = 0; c < n; c++) {
    let pivot = c;
    for (let r = c + 1; r < n; r++) if (Math.abs(m[r]![c]!) > Math.abs(m[pivot]![c]!)) pivot = r;
    [m[c], m[pivot]] = [m[pivot]!, m[c]!];
    const p = m[c]![c]! || 1e-12;
    for (let r = c + 1; r < n; r++) {
      const f = m[r]![c]! / p;
      if (f === 0) continue;
      for (let k = c; k <= n; k++) m[r]![k]! -= f * m[c]![k]!;
    }
  }
  const out = new Array<number>(n).fill(0);
  for (let r = n - 1; r >= 0; r--) {
    let s = m[r]![n]!;
    for (let k = r + 1; k < n; k++) s -= m[r]![k]! * out[k]!;
    out[r] = s / (m[r]![r]! || 1e-12);
  }
  return out;
}
