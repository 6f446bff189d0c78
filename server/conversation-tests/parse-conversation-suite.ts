import { CONVERSATION_TEST_LIMITS, ConversationTestCase } from '../../protocol/conversation-tests.js';
import { AppError, describeZodError } from '../errors.js';

/** A suite that cannot run, with every problem found (line-numbered for JSONL). */
export class InvalidSuiteError extends AppError {
  constructor(readonly problems: string[]) {
    super(
      400,
      'invalid_suite',
      `The conversation suite has ${problems.length} problem${problems.length === 1 ? '' : 's'}: ` +
        `${problems.slice(0, 10).join(' | ')}${problems.length > 10 ? ' | …' : ''}`,
    );
  }
}

/** Parses JSONL test conversations (blank lines and `#` comment lines are skipped), all or nothing. */
export function parseConversationSuite(text: string): ConversationTestCase[] {
  if (Buffer.byteLength(text, 'utf8') > CONVERSATION_TEST_LIMITS.bytes) {
    throw new AppError(
      413,
      'suite_too_large',
      `Conversation suites are limited to ${CONVERSATION_TEST_LIMITS.bytes / 1024} KB; split the file.`,
    );
  }
  const rows: Array<{ label: string; value: unknown }> = [];
  const problems: string[] = [];
  text.split('\n').forEach((raw, i) => {
    const line = raw.trim();
    if (!line || line.startsWith('#')) return;
    try {
      rows.push({ label: `line ${i + 1}`, value: JSON.parse(line) });
    } catch {
      problems.push(`line ${i + 1}: not valid JSON`);
    }
  });
  if (problems.length) throw new InvalidSuiteError(problems);
  return validateConversations(rows);
}

/** Validates already parsed conversations (an array posted as JSON); labels are "conversation N". */
export function validateConversationArray(values: unknown[]): ConversationTestCase[] {
  return validateConversations(values.map((value, i) => ({ label: `conversation ${i + 1}`, value })));
}

function validateConversations(rows: Array<{ label: string; value: unknown }>): ConversationTestCase[] {
  if (rows.length === 0) throw new InvalidSuiteError(['the suite has no conversations']);
  if (rows.length > CONVERSATION_TEST_LIMITS.conversations) {
    throw new AppError(
      413,
      'suite_too_large',
      `A suite holds at most ${CONVERSATION_TEST_LIMITS.conversations} ` +
        `conversations (this one has ${rows.length}); split it.`,
    );
  }
  const problems: string[] = [];
  const cases: ConversationTestCase[] = [];
  const names = new Map<string, string>();
  for (const { label, value } of rows) {
    const parsed = ConversationTestCase.safeParse(value);
    if (!parsed.success) {
      problems.push(`${label}: ${describeZodError(parsed.error)}`);
      continue;
    }
    const seen = names.get(parsed.data.name);
    if (seen) problems.push(`${label}: the name "${parsed.data.name}" is already used on ${seen}`);
    names.set(parsed.data.name, label);
    cases.push(parsed.data);
  }
  if (problems.length) throw new InvalidSuiteError(problems);
  return cases;
}
