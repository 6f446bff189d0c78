/**
 * Multinomial logistic regression by SGD with L2 decay (lazy scaling trick, so each step
 * costs only the non-zeros of one example). Complements the one-vs-rest SVM in an ensemble:
 * the softmax loss couples the classes, the SVM does not.
 */
import { mulberry32, type LinearModel } from './linear-svm.js';
import type { SparseVector } from './tfidf-vectorizer.js';

export interface SoftmaxRegressionOptions {
  /** L2 strength per example. */
  lambda: number;
  epochs: number;
  /** Initial learning rate; decays as 1 / (1 + lr0 * lambda * t). */
  learningRate: number;
  seed: number;
}

export const DEFAULT_SOFTMAX_OPTIONS: SoftmaxRegressionOptions = { lambda: 1e-5, epochs: 15, learningRate: 0.5, seed: 11 };

export function trainSoftmaxRegression(
  xs: SparseVector[],
  labels: Int32Array,
  classes: number,
  dim: number,
  options: Partial<SoftmaxRegressionOptions> = {},
): LinearModel {
  const o = { ...DEFAULT_SOFTMAX_OPTIONS, ...options };
  const rand = mulberry32(o.seed);
  const k = classes;
  // Feature-major during training: one example touches k contiguous weights per feature.
  const w = new Float64Array(dim * k);
  const b = new Float64Array(k);
  const p = new Float64Array(k);
  let scale = 1;
  let t = 0;
  const order = Int32Array.from(xs.keys());
  for (let epoch = 0; epoch < o.epochs; epoch++) {
    for (let i = order.length - 1; i > 0; i--) {
      const j = Math.floor(rand() * (i + 1));
      const tmp = order[i]!;
      order[i] = order[j]!;
      order[j] = tmp;
    }
    for (const n of order) {
      const { idx, val } = xs[n]!;
      const lr = o.learningRate / (1 + o.learningRate * o.lambda * t++);
      for (let c = 0; c < k; c++) p[c] = b[c]!;
      for (let j = 0; j < idx.length; j++) {
        const base = idx[j]! * k;
        const v = val[j]! * scale;
        for (let c = 0; c < k; c++) p[c] = p[c]! + w[base + c]! * v;
      }
      let max = -Infinity;
      for (let c = 0; c < k; c++) if (p[c]! > max) max = p[c]!;
      let sum = 0;
      for (let c = 0; c < k; c++) {
        p[c] = Math.exp(p[c]! - max);
        sum += p[c]!;
      }
      for (let c = 0; c < k; c++) p[c] = p[c]! / sum - (c === labels[n] ? 1 : 0);
      scale *= 1 - lr * o.lambda;
      const step = lr / scale;
      for (let j = 0; j < idx.length; j++) {
        const base = idx[j]! * k;
        const v = val[j]! * step;
        for (let c = 0; c < k; c++) w[base + c] = w[base + c]! - v * p[c]!;
      }
      for (let c = 0; c < k; c++) b[c] = b[c]! - lr * p[c]!;
      if (scale < 1e-6) {
        for (let j = 0; j < w.length; j++) w[j] = w[j]! * scale;
        scale = 1;
      }
    }
  }
  const weights = new Float32Array(classes * dim);
  for (let f = 0; f < dim; f++) for (let c = 0; c < k; c++) weights[c * dim + f] = w[f * k + c]! * scale;
  return { classes, dim, weights, biases: Float32Array.from(b) };
}
