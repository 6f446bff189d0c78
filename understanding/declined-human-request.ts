/**
 * "I don't need a person, just tell me how to reset my password": the first clause is about not
 * wanting a human and says nothing about the question. Left in, its words ("person", "agent") pull
 * retrieval away from the article; this drops the clauses that decline a human.
 */
import { negatedAt, tokens } from './negation.js';
import { SIGNAL_PATTERNS } from './signal-patterns.js';
import { normalizeText } from '../text/normalize-text.js';

const HUMAN_REQUEST = SIGNAL_PATTERNS.filter((p) => p.signal === 'human_request' && p.negatable);
const CLAUSE = /[^,.;!?]+[,.;!?]*/g;

/** The text without its clauses that decline a human; the text unchanged when none does (or nothing else is left). */
export function withoutDeclinedHumanRequest(text: string): string {
  const clauses = text.match(CLAUSE) ?? [text];
  const kept = clauses.filter((clause) => !declinesHuman(clause));
  const rest = kept.join('').trim();
  return kept.length === clauses.length || !rest ? text : rest;
}

function declinesHuman(clause: string): boolean {
  const normalized = normalizeText(clause);
  const toks = tokens(normalized);
  return HUMAN_REQUEST.some((p) =>
    [...normalized.matchAll(new RegExp(p.pattern.source, 'g'))].some((m) =>
      negatedAt(toks, tokens(normalized.slice(0, m.index)).length, 4),
    ),
  );
}
