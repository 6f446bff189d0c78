import { z } from 'zod';

/** One threshold of the calibration's trade-off table (rates on the pseudo-questions). */
export const CalibrationPoint = z.object({
  threshold: z.number(),
  falseConfident: z.number(),
  confidentOnAnswerable: z.number(),
  rightAmongConfident: z.number(),
});
export type CalibrationPoint = z.infer<typeof CalibrationPoint>;

/** `GET /api/knowledge/calibration` (admin): how `confident` is decided for this knowledge base. */
export const CalibrationStatusResponse = z.object({
  state: z.enum(['uncalibrated', 'pending', 'running', 'ready', 'failed']),
  progress: z.object({ done: z.number().int(), total: z.number().int() }).nullable(),
  error: z.string().nullable(),
  upToDate: z.boolean(),
  targetFalseConfident: z.number(),
  customTarget: z.number().nullable(),
  /** False below `minArticles`: the calibration is shown but the fixed thresholds decide. */
  decides: z.boolean(),
  minArticles: z.number().int(),
  threshold: z.number().nullable(),
  expected: CalibrationPoint.nullable(),
  calibration: z
    .object({
      version: z.number().int(),
      model: z.string(),
      features: z.array(z.string()),
      articles: z.number().int(),
      pseudoQuestions: z.number().int(),
      curve: z.array(CalibrationPoint),
      calibratedAt: z.string(),
    })
    .nullable(),
});
export type CalibrationStatusResponse = z.infer<typeof CalibrationStatusResponse>;

/**
 * `PUT /api/knowledge/calibration` (admin): the expected false-confident rate to choose the threshold for; null
 * restores the default.
 */
export const CalibrationTargetBody = z.object({
  targetFalseConfident: z.number().min(0).max(0.5).nullable(),
});
export type CalibrationTargetBody = z.infer<typeof CalibrationTargetBody>;
