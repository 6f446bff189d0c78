import type { Queryable } from '../base/db.js';
import {
  calibrateConfidence,
  CALIBRATION_DEFAULTS,
  CALIBRATION_VERSION,
  knowledgeFingerprint,
  thresholdFor,
  type CalibrationInput,
  type CalibrationPoint,
  type ConfidenceCalibration,
} from './calibrate-confidence.js';
import { createCalibrationStore } from './calibration-store.js';
import { featureVector, type ConfidenceFeatures } from './confidence-features.js';
import type { CalibrationSource, HybridSearch } from './hybrid-search.js';
import { predictLogistic } from './logistic-model.js';

export interface CalibrationStatus {
  /** `uncalibrated`: fixed fallback thresholds are in use (too few articles, or not fitted yet). */
  state: 'uncalibrated' | 'pending' | 'running' | 'ready' | 'failed';
  /** Pseudo-questions scored so far while running. */
  progress: { done: number; total: number } | null;
  error: string | null;
  /** False when articles changed since the stored calibration was fitted. */
  upToDate: boolean;
  targetFalseConfident: number;
  /** The admin's choice, or null for the default. */
  customTarget: number | null;
  /** False while the knowledge base is below `minArticles`: the calibration is advisory, fixed thresholds decide. */
  decides: boolean;
  minArticles: number;
  /** The probability threshold in use and what it means on the pseudo-questions. */
  threshold: number | null;
  expected: CalibrationPoint | null;
  calibration: Omit<ConfidenceCalibration, 'logistic' | 'fingerprint'> | null;
}

export interface ConfidenceCalibratorOptions extends Pick<CalibrationInput, 'maxArticles' | 'extraQuestions'> {
  /** Fewest articles for the calibration to decide `confident` (see CALIBRATION_DEFAULTS). */
  minArticles?: number;
  db: Queryable;
  search: HybridSearch;
  model: string;
  /** Writes within this window are calibrated together. */
  debounceMs?: number;
  /** Another server process may recalibrate; the stored row is re-read this often. */
  reloadMs?: number;
  /** Background failures go here (the server logs them). */
  onError?: (err: unknown) => void;
}

export interface ConfidenceCalibrator extends CalibrationSource {
  /** Reads the stored calibration once (later calls refresh it in the background past `reloadMs`). */
  load(): Promise<void>;
  /** Articles changed: recalibrate in the background, debounced. Never blocks the write. */
  changed(): void;
  /** Fits now and stores the result. */
  recalibrate(): Promise<CalibrationStatus>;
  /** Recalibrates when the stored calibration is missing or does not match the articles. */
  ensure(): Promise<void>;
  /** Resolves once no recalibration is pending or running. */
  idle(): Promise<void>;
  status(): Promise<CalibrationStatus>;
  /** Sets the expected false-confident rate the threshold is chosen for (null: default). */
  setTarget(target: number | null): Promise<CalibrationStatus>;
  /** Stops scheduling; resolves once a run in progress has ended. */
  close(): Promise<void>;
}

export function createConfidenceCalibrator(options: ConfidenceCalibratorOptions): ConfidenceCalibrator {
  const store = createCalibrationStore(options.db);
  const debounceMs = options.debounceMs ?? 1500;
  const reloadMs = options.reloadMs ?? 60_000;
  const onError = options.onError ?? ((err: unknown) => console.error('confidence calibration failed:', err));
  let calibration: ConfidenceCalibration | null = null;
  let customTarget: number | null = null;
  let active: { confidence(f: ConfidenceFeatures): number; threshold: number; decides: boolean } | null = null;
  const minArticles = options.minArticles ?? CALIBRATION_DEFAULTS.minArticles;
  let loadedAt = 0;
  let loading: Promise<void> | null = null;
  let timer: ReturnType<typeof setTimeout> | null = null;
  let running: Promise<void> | null = null;
  let dirty = false;
  let progress: { done: number; total: number } | null = null;
  let lastError: string | null = null;
  let closed = false;
  const waiters: Array<() => void> = [];

  function target(): number {
    return customTarget ?? CALIBRATION_DEFAULTS.targetFalseConfident;
  }

  function apply(next: ConfidenceCalibration | null, nextTarget: number | null) {
    calibration = next && next.version === CALIBRATION_VERSION && next.model === options.model ? next : null;
    customTarget = nextTarget;
    if (!calibration) {
      active = null;
      return;
    }
    const model = calibration.logistic;
    const threshold = thresholdFor(calibration.curve, target()).threshold;
    const names = calibration.features;
    active = {
      threshold,
      decides: calibration.articles >= minArticles,
      confidence: (f) => round(predictLogistic(model, featureVector(f, names))),
    };
  }

  async function read(): Promise<void> {
    const stored = await store.load();
    apply(stored.calibration, stored.targetFalseConfident);
    loadedAt = Date.now();
  }

  async function run(): Promise<void> {
    progress = { done: 0, total: 0 };
    try {
      const fitted = await calibrateConfidence({
        db: options.db,
        search: options.search,
        model: options.model,
        maxArticles: options.maxArticles,
        extraQuestions: options.extraQuestions,
        cancelled: () => closed,
        onProgress: (done, total) => {
          progress = { done, total };
        },
      });
      if (closed) return;
      await store.saveCalibration(options.model, fitted);
      apply(fitted, customTarget);
      loadedAt = Date.now();
      lastError = null;
    } catch (err) {
      lastError = err instanceof Error ? err.message : String(err);
      throw err;
    } finally {
      progress = null;
    }
  }

  /** Runs now, or after the current run when one is going (writes during a run are not lost). */
  function start(): Promise<void> {
    if (running) {
      dirty = true;
      return running;
    }
    const p = (async () => {
      do {
        dirty = false;
        await run();
      } while (dirty && !closed);
    })().finally(() => {
      running = null;
      if (!timer) waiters.splice(0).forEach((w) => w());
    });
    running = p;
    return p;
  }

  async function snapshot(): Promise<CalibrationStatus> {
    const upToDate = calibration ? calibration.fingerprint === (await knowledgeFingerprint(options.db)) : false;
    const state = running
      ? 'running'
      : timer
        ? 'pending'
        : lastError
          ? 'failed'
          : calibration
            ? 'ready'
            : 'uncalibrated';
    const expected = calibration ? thresholdFor(calibration.curve, target()) : null;
    let summary: CalibrationStatus['calibration'] = null;
    if (calibration) {
      const { logistic: _l, fingerprint: _f, ...rest } = calibration;
      summary = rest;
    }
    return {
      state,
      progress,
      error: lastError,
      upToDate,
      targetFalseConfident: target(),
      customTarget,
      decides: active?.decides ?? false,
      minArticles,
      threshold: expected?.threshold ?? null,
      expected,
      calibration: summary,
    };
  }

  return {
    current() {
      if (!closed && loadedAt && Date.now() - loadedAt > reloadMs && !loading && !running) {
        loading = read()
          .catch(onError)
          .finally(() => {
            loading = null;
          });
      }
      return active;
    },

    async load() {
      if (loadedAt) return;
      loading ??= read().finally(() => {
        loading = null;
      });
      await loading;
    },

    changed() {
      if (closed) return;
      if (timer) clearTimeout(timer);
      timer = setTimeout(() => {
        timer = null;
        start().catch(onError);
      }, debounceMs);
      timer.unref?.();
    },

    async recalibrate() {
      if (timer) {
        clearTimeout(timer);
        timer = null;
      }
      await start();
      return snapshot();
    },

    async ensure() {
      await this.load();
      if (calibration && calibration.fingerprint === (await knowledgeFingerprint(options.db))) return;
      await this.recalibrate();
    },

    idle() {
      if (!running && !timer) return Promise.resolve();
      return new Promise<void>((resolve) => waiters.push(resolve));
    },

    status: snapshot,

    async setTarget(next) {
      await store.saveTarget(options.model, next);
      apply(calibration, next);
      return snapshot();
    },

    async close() {
      closed = true;
      if (timer) clearTimeout(timer);
      timer = null;
      waiters.splice(0).forEach((w) => w());
      // A run in progress finishes (its result is not stored) before the database may close.
      await running?.catch(() => undefined);
    },
  };
}

function round(x: number): number {
  return Math.round(x * 10000) / 10000;
}
