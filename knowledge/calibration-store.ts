import type { Queryable } from '../base/db.js';
import type { ConfidenceCalibration } from './calibrate-confidence.js';

export interface StoredCalibration {
  calibration: ConfidenceCalibration | null;
  /** The admin's chosen expected false-confident rate; null: the default. */
  targetFalseConfident: number | null;
  updatedAt: string | null;
}

/** Reads and writes the `retrieval_calibration` row (migration 013). */
export function createCalibrationStore(db: Queryable) {
  return {
    async load(): Promise<StoredCalibration> {
      const { rows } = await db.query<{
        calibration: ConfidenceCalibration | string | null;
        target_false_confident: number | null;
        updated_at: unknown;
      }>('SELECT calibration, target_false_confident, updated_at FROM retrieval_calibration WHERE id = 1');
      const r = rows[0];
      if (!r) return { calibration: null, targetFalseConfident: null, updatedAt: null };
      const calibration =
        typeof r.calibration === 'string' ? (JSON.parse(r.calibration) as ConfidenceCalibration) : r.calibration;
      return {
        calibration,
        targetFalseConfident: r.target_false_confident === null ? null : Number(r.target_false_confident),
        updatedAt: (r.updated_at instanceof Date ? r.updated_at : new Date(String(r.updated_at))).toISOString(),
      };
    },

    async saveCalibration(model: string, calibration: ConfidenceCalibration | null): Promise<void> {
      await db.query(
        `INSERT INTO retrieval_calibration (id, model, calibration) VALUES (1, $1, $2::jsonb)
         ON CONFLICT (id) DO UPDATE SET model = EXCLUDED.model, calibration = EXCLUDED.calibration, updated_at = now()`,
        [model, calibration === null ? null : JSON.stringify(calibration)],
      );
    },

    async saveTarget(model: string, target: number | null): Promise<void> {
      await db.query(
        `INSERT INTO retrieval_calibration (id, model, target_false_confident) VALUES (1, $1, $2)
         ON CONFLICT (id) DO UPDATE SET target_false_confident = EXCLUDED.target_false_confident, updated_at = now()`,
        [model, target],
      );
    },
  };
}

export type CalibrationStore = ReturnType<typeof createCalibrationStore>;
