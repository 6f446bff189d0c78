/**
 * analyzeSentiment: lexicon-based polarity (-1..1) with negation, intensifiers and emphasis
 * (ALL CAPS, "!!!", "???"), plus named signals with evidence for the console. No model, no I/O:
 * it runs on every message and must explain itself.
 */
import { INTENSIFIERS, PHRASE_VALENCE, SITUATION_PHRASES, SITUATION_WORDS, WORD_VALENCE } from './sentiment-lexicon.js';
import { SIGNAL_PATTERNS } from './signal-patterns.js';
import { normalizeText } from '../text/normalize-text.js';
import { negatedAt, tokens } from './negation.js';
import type { SentimentResult, SentimentSignal } from './types.js';

/** Upper-case words that are names, not shouting. */
const ACRONYMS = new Set([
  'API',
  'SSO',
  'SAML',
  'GDPR',
  'CCPA',
  'URL',
  'CSV',
  'PDF',
  'USD',
  'EUR',
  'GBP',
  'FAQ',
  'SAAS',
  'MFA',
  'CRM',
  'CEO',
  'CTO',
  'HTTP',
  'HTTPS',
  'JSON',
  'XML',
  'SQL',
  'DNS',
  'SMS',
  'VAT',
  'IBAN',
  'UTC',
  'ASAP',
  'IOS',
  'AWS',
  'SDK',
  'CLI',
  'UI',
  'UX',
  'IT',
  'HR',
  'PM',
  'AM',
  'ID',
  'OK',
  'TV',
  'US',
  'UK',
  'EU',
  'DPA',
  'SLA',
  'KYC',
  'OTP',
  'ACH',
  'SEPA',
  'PIN',
  'ATM',
  'VPN',
  'IP',
  'SSL',
  'TLS',
  'CSS',
  'HTML',
  'PHP',
  'SCIM',
]);

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

/**
 * The problem the visitor describes ("lost my phone", "can't log in"), as evidence for the
 * `problem` signal, and the text with those phrases blanked out so they do not score as mood.
 */
function situation(normalized: string): { evidence: string[]; rest: string } {
  const evidence: string[] = [];
  let rest = normalized;
  for (const re of SITUATION_PHRASES) {
    rest = rest.replace(re, (m) => {
      evidence.push(m.trim());
      return ' '.repeat(m.length);
    });
  }
  for (const t of tokens(rest)) if (SITUATION_WORDS.has(t) && !evidence.includes(t)) evidence.push(t);
  return { evidence, rest };
}

export function analyzeSentiment(text: string): SentimentResult {
  const normalized = normalizeText(text);
  const described = situation(normalized);
  const shoutedWords = (text.match(/\b[A-Z][A-Z']{2,}\b/g) ?? []).filter((w) => !ACRONYMS.has(w));
  // A message that is entirely short caps ("OK", "HELP") is not a lot of shouting.
  const shouted = new Set(shoutedWords.map((w) => normalizeText(w)));
  const repeatedPunct = text.match(/[!?]*(?:!!|\?\?|\?!|!\?)[!?]*/g) ?? [];

  // Only how the visitor feels about us scores: describing the problem is not anger.
  let sum = polarity(described.rest, shouted);
  const emphasis = Math.min(1.5, 0.3 * repeatedPunct.length + 0.25 * shoutedWords.length);
  if (sum < 0) sum -= emphasis;
  else if (sum > 0 && repeatedPunct.every((p) => !p.includes('?'))) sum += emphasis * 0.5;
  else if (sum === 0) sum -= emphasis * 0.5;
  const score = Math.round((sum / Math.sqrt(sum * sum + 15)) * 1000) / 1000;

  const signals = new Map<string, SentimentSignal>();
  const toks = tokens(normalized);
  for (const sp of SIGNAL_PATTERNS) {
    for (const m of normalized.matchAll(sp.pattern)) {
      if (sp.negatable && negatedAt(toks, tokens(normalized.slice(0, m.index)).length, 4)) {
        // "I don't need a person": said, and meant the other way. The policy honours it over the intent.
        if (sp.signal === 'human_request') addSignal(signals, 'declined_human', sp.weight, m[0].trim());
        continue;
      }
      addSignal(signals, sp.signal, sp.weight, m[0].trim());
    }
  }
  if (shoutedWords.length > 0)
    addSignal(
      signals,
      'frustration',
      Math.min(0.6, 0.25 * shoutedWords.length),
      `ALL CAPS: ${shoutedWords.slice(0, 3).join(' ')}`,
    );
  if (repeatedPunct.length > 0) addSignal(signals, 'frustration', 0.35, repeatedPunct[0]!);
  if (score <= -0.6) addSignal(signals, 'frustration', 0.3, `negative tone (${score})`);
  // Reported for agents (what went wrong); the policy does not read it as a negative signal.
  for (const e of described.evidence.slice(0, 3)) addSignal(signals, 'problem', 0.5, e);

  return {
    score,
    signals: [...signals.values()].map((s) => ({ ...s, value: Math.round(s.value * 100) / 100 })),
  };
}
