/**
 * analyzeSentiment: lexicon-based polarity (-1..1) with negation, intensifiers and emphasis
 * (ALL CAPS, "!!!", "???"), plus named signals with evidence for the console. No model, no I/O:
 * it runs on every message and must explain itself.
 */
import { CLAUSE_BREAKERS, INTENSIFIERS, NEGATORS, PHRASE_VALENCE, WORD_VALENCE } from './sentiment-lexicon.js';
import { SIGNAL_PATTERNS } from './signal-patterns.js';
import { normalizeText } from './text-features.js';
import type { SentimentResult, SentimentSignal } from './types.js';

/** Upper-case words that are names, not shouting. */
const ACRONYMS = new Set([
  'API', 'SSO', 'SAML', 'GDPR', 'CCPA', 'URL', 'CSV', 'PDF', 'USD', 'EUR', 'GBP', 'FAQ', 'SAAS', 'MFA',
  'CRM', 'CEO', 'CTO', 'HTTP', 'HTTPS', 'JSON', 'XML', 'SQL', 'DNS', 'SMS', 'VAT', 'IBAN', 'UTC', 'ASAP',
  'IOS', 'AWS', 'SDK', 'CLI', 'UI', 'UX', 'IT', 'HR', 'PM', 'AM', 'ID', 'OK', 'TV', 'US', 'UK', 'EU', 'DPA',
  'SLA', 'KYC', 'OTP', 'ACH', 'SEPA', 'PIN', 'ATM', 'VPN', 'IP', 'SSL', 'TLS', 'CSS', 'HTML', 'PHP', 'SCIM',
]);

/** Words after "not" that make it a statement of intent: "don't want to cancel", "no need for a human". */
const VOLITION = new Set(['want', 'need', 'wish', 'plan', 'planning', 'intend', 'going', 'gonna', 'looking', 'trying', 'asking', 'interested', 'require']);

const TOKEN = /[\p{L}\p{N}]+|[.,;!?]/gu;

function tokens(normalized: string): string[] {
  return normalized.match(TOKEN) ?? [];
}

/** Is the word at `i` (or a phrase starting there) negated by something earlier in its clause? */
function negatedAt(toks: string[], i: number, window = 3): boolean {
  for (let j = i - 1; j >= Math.max(0, i - window); j--) {
    const t = toks[j]!;
    if (CLAUSE_BREAKERS.has(t)) return false;
    if (NEGATORS.has(t)) return j === i - 1 || VOLITION.has(toks[j + 1] ?? '') || t !== 'not';
  }
  return false;
}

function polarity(normalized: string, shouted: Set<string>): number {
  const toks = tokens(normalized);
  let sum = 0;
  for (let i = 0; i < toks.length; i++) {
    const base = WORD_VALENCE[toks[i]!];
    if (base === undefined) continue;
    let v = base;
    // Intensifiers directly before the word ("very", "so so") multiply it.
    for (let j = i - 1; j >= Math.max(0, i - 2); j--) {
      const m = INTENSIFIERS[toks[j]!];
      if (m === undefined) break;
      v *= m;
    }
    if (shouted.has(toks[i]!)) v *= 1.5;
    // VADER's damped flip: "not great" is mildly negative, not the opposite of great.
    if (negatedAt(toks, i)) v *= -0.74;
    sum += v;
  }
  for (const [re, v] of PHRASE_VALENCE) sum += v * (normalized.match(re)?.length ?? 0);
  return sum;
}

function addSignal(map: Map<string, SentimentSignal>, name: string, weight: number, evidence: string): void {
  const s = map.get(name) ?? { name, value: 0, evidence: [] };
  // Noisy-OR: independent hints add up but never pass 1.
  s.value = 1 - (1 - s.value) * (1 - weight);
  if (!s.evidence.includes(evidence)) s.evidence.push(evidence);
  map.set(name, s);
}

export function analyzeSentiment(text: string): SentimentResult {
  const normalized = normalizeText(text);
  const shoutedWords = (text.match(/\b[A-Z][A-Z']{2,}\b/g) ?? []).filter((w) => !ACRONYMS.has(w));
  // A message that is entirely short caps ("OK", "HELP") is not a lot of shouting.
  const shouted = new Set(shoutedWords.map((w) => normalizeText(w)));
  const repeatedPunct = text.match(/[!?]*(?:!!|\?\?|\?!|!\?)[!?]*/g) ?? [];

  let sum = polarity(normalized, shouted);
  const emphasis = Math.min(1.5, 0.3 * repeatedPunct.length + 0.25 * shoutedWords.length);
  if (sum < 0) sum -= emphasis;
  else if (sum > 0 && repeatedPunct.every((p) => !p.includes('?'))) sum += emphasis * 0.5;
  else if (sum === 0) sum -= emphasis * 0.5;
  const score = Math.round((sum / Math.sqrt(sum * sum + 15)) * 1000) / 1000;

  const signals = new Map<string, SentimentSignal>();
  const toks = tokens(normalized);
  for (const sp of SIGNAL_PATTERNS) {
    for (const m of normalized.matchAll(sp.pattern)) {
      if (sp.negatable && negatedAt(toks, tokens(normalized.slice(0, m.index)).length, 4)) continue;
      addSignal(signals, sp.signal, sp.weight, m[0].trim());
    }
  }
  if (shoutedWords.length > 0) addSignal(signals, 'frustration', Math.min(0.6, 0.25 * shoutedWords.length), `ALL CAPS: ${shoutedWords.slice(0, 3).join(' ')}`);
  if (repeatedPunct.length > 0) addSignal(signals, 'frustration', 0.35, repeatedPunct[0]!);
  if (score <= -0.6) addSignal(signals, 'frustration', 0.3, `negative tone (${score})`);

  return {
    score,
    signals: [...signals.values()].map((s) => ({ ...s, value: Math.round(s.value * 100) / 100 })),
  };
}
