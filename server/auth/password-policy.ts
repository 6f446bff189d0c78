import { createRequire } from 'node:module';
import type { ZxcvbnFactory } from '@zxcvbn-ts/core';
import { AppError } from '../errors.js';

export const PASSWORD_POLICY = { minLength: 10, minScore: 3 } as const;

// zxcvbn-ts without a translation package reports warnings as keys: say them in words here.
const WARNINGS: Record<string, string> = {
  common: 'it is one of the most common passwords',
  commonNames: 'it is a common name',
  namesByThemselves: 'it is a name on its own',
  similarToCommon: 'it is a small variation of a common password',
  wordByItself: 'it is a single word',
  straightRow: 'it is a row of keys on the keyboard',
  keyPattern: 'it is a keyboard pattern',
  simpleRepeat: 'it repeats the same characters',
  extendedRepeat: 'it repeats the same pattern',
  sequences: 'it is a sequence like abc or 123',
  recentYears: 'it is a recent year',
  dates: 'it is a date',
  topTen: 'it is one of the ten most used passwords',
  topHundred: 'it is one of the hundred most used passwords',
  userInputs: 'it contains the email or name of the account',
  pwned: 'it appeared in a data breach',
};

let checker: ZxcvbnFactory | null = null;
/**
 * Loaded and built on first use, synchronously (config validation calls it): the dictionaries
 * take a moment to index and ~14 MB that a server started with a generated password never needs.
 */
function zxcvbn(): ZxcvbnFactory {
  if (checker) return checker;
  const require = createRequire(import.meta.url);
  const { ZxcvbnFactory: Factory } = require('@zxcvbn-ts/core') as typeof import('@zxcvbn-ts/core');
  const common = require('@zxcvbn-ts/language-common') as typeof import('@zxcvbn-ts/language-common');
  checker = new Factory({ dictionary: common.dictionary, graphs: common.adjacencyGraphs });
  return checker;
}

/**
 * Why a password is too weak, as a sentence a person can act on, or null when it is fine:
 * at least 10 characters, not only whitespace, and a zxcvbn score of 3 or more (its
 * dictionaries include the common-password lists, names and keyboard patterns).
 */
export function passwordProblem(password: string, userInputs: string[] = []): string | null {
  if (password.trim() === '') return 'The password is empty or only whitespace.';
  if ([...password].length < PASSWORD_POLICY.minLength)
    return `The password must be at least ${PASSWORD_POLICY.minLength} characters long.`;
  // zxcvbn slows down on very long inputs; the first 100 characters tell enough.
  const result = zxcvbn().check(password.slice(0, 100), userInputs.filter(Boolean));
  if (result.score >= PASSWORD_POLICY.minScore) return null;
  const why = result.feedback.warning ? WARNINGS[result.feedback.warning] : undefined;
  return (
    `The password is too easy to guess${why ? ` (${why})` : ''}: ` +
    `use a longer passphrase of unrelated words or a password manager.`
  );
}

/** Throws `422 weak_password` when `passwordProblem` finds one. */
export function assertStrongPassword(password: string, userInputs: string[] = []): void {
  const problem = passwordProblem(password, userInputs);
  if (problem) throw new AppError(422, 'weak_password', problem);
}
