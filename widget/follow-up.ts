import { t } from './text.js';

// Pure helpers for the follow-ups after a handoff: continue by email, and the 1-5 rating.

/** "Continue by email" happens when nobody can answer now. */
export type ContactState = 'idle' | 'sending' | 'saved' | 'failed';
/** The rating asked after an agent resolved the conversation. */
export type CsatState = 'hidden' | 'asking' | 'sending' | 'done' | 'failed';

/** A plain sanity check; the server validates for real. */
export function isEmail(value: string): boolean {
  const v = value.trim();
  return v.length <= 320 && /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(v);
}

/** Accessible name of a rating button in the visitor's language, e.g. "4 of 5, Good". */
export function ratingLabel(score: number): string {
  return t('rate', { n: score, label: t('rates').split('|')[score - 1] ?? '' });
}

export function validScore(score: unknown): score is 1 | 2 | 3 | 4 | 5 {
  return typeof score === 'number' && Number.isInteger(score) && score >= 1 && score <= 5;
}
