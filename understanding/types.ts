/** What the understanding stages produce; pure data so the policy can be a pure function. */
import type { PolicyThresholdOverrides } from '../protocol/http.js';

export type IntentPolicy = 'ai_answer' | 'handoff' | 'handoff_now';

export interface IntentDefinition {
  name: string;
  description: string;
  examples: string[];
  /** Team or skill that handles it when handed off. */
  skill: string;
  policy: IntentPolicy;
  /** 0 (low) .. 3 (critical). */
  severity: number;
  /** Escalation-policy thresholds that differ for this intent (e.g. more sensitive for cancellation). */
  thresholds?: PolicyThresholdOverrides;
}

export interface IntentPrediction {
  /** null means out of scope: none of the known intents. */
  intent: string | null;
  confidence: number;
  /** Top candidates, best first. */
  ranked: Array<{ intent: string; confidence: number }>;
  /**
   * How familiar the wording is to the training examples (character-gram coverage plus a little
   * of the best raw score; roughly 0..1.1). Low values are why an intent comes back null.
   */
  familiarity?: number;
}

export interface IntentClassifier {
  classify(text: string): IntentPrediction;
}

export interface SentimentSignal {
  name: 'frustration' | 'churn_risk' | 'legal' | 'security' | 'human_request' | string;
  /** Strength 0..1. */
  value: number;
  /** Words or patterns that triggered it, for the console. */
  evidence: string[];
}

export interface SentimentResult {
  /** -1 (very negative) .. 1 (very positive). */
  score: number;
  signals: SentimentSignal[];
}
