/**
 * What "resolved by the AI" means, written once: every figure that counts AI resolutions (the
 * metrics totals, the per-day series, the weekly report) uses `aiResolvedSql`, and the console
 * shows `AI_RESOLUTION_DEFINITION` next to the number.
 */

/** Hours after a conversation's last message in which the same visitor coming back counts against it. */
export const RETURN_WINDOW_HOURS = 24;

export const AI_RESOLUTION_DEFINITION =
  `Never handed to a person, and either the visitor said "yes, this helped" to an AI answer, or the AI answered ` +
  `and the visitor neither said an answer did not help (button or message) nor started another conversation ` +
  `within ${RETURN_WINDOW_HOURS} hours. Greetings and clarifying questions are not answers.`;

/** AI replies that are not answers to a question (see compose-reply.ts). */
const NOT_ANSWERS = `('small_talk', 'thanks', 'small_talk_while_waiting', 'thanks_while_waiting')`;
/** Loop reasons that mean the visitor told us an answer missed (see detect-loop.ts and loop-detection.ts). */
const SAID_NOT_HELPFUL = `('not_helpful', 'negative_feedback')`;

/**
 * A boolean SQL expression over the `conversations` row aliased `c`: true when it counts as
 * resolved by the AI under the definition above.
 */
export function aiResolvedSql(c: string): string {
  const answered = `EXISTS (SELECT 1 FROM messages am WHERE am.conversation_id = ${c}.id AND am.role = 'ai'
      AND COALESCE(am.meta->>'kind', 'answer') = 'answer' AND COALESCE(am.meta->>'reasonCode', '')
        NOT IN ${NOT_ANSWERS})`;
  const feedbackNo =
    `EXISTS (SELECT 1 FROM messages fm WHERE fm.conversation_id = ${c}.id ` +
    `AND fm.role = 'ai' AND fm.meta->'feedback'->>'helpful' = 'false')`;
  const saidNo =
    `EXISTS (SELECT 1 FROM decisions dd WHERE dd.conversation_id = ` +
    `${c}.id AND dd.trace->'loop'->>'reason' IN ${SAID_NOT_HELPFUL})`;
  // The same visitor: the same visitor row, or the same person by the host app's user id or email
  // (a new browser session gets a new visitor row).
  const sameVisitor = `(rc.visitor_id = ${c}.visitor_id OR (cv.external_id IS NOT NULL
        AND rv.external_id = cv.external_id)
      OR (cv.traits->>'hostUserId' IS NOT NULL AND rv.traits->>'hostUserId' = cv.traits->>'hostUserId')
      OR (cv.email IS NOT NULL AND lower(rv.email) = lower(cv.email)))`;
  const cameBack = `EXISTS (SELECT 1 FROM visitors cv, conversations rc JOIN visitors rv ON rv.id = rc.visitor_id
      WHERE cv.id = ${c}.visitor_id AND rc.id <> ${c}.id AND ${sameVisitor} AND rc.created_at > ${c}.created_at
      AND rc.created_at <= (SELECT max(lm.created_at) FROM messages lm WHERE lm.conversation_id = ${c}.id)
        + interval '${RETURN_WINDOW_HOURS} hours'
      AND EXISTS (SELECT 1 FROM messages rm WHERE rm.conversation_id = rc.id AND rm.role = 'visitor'))`;
  return (
    `(${c}.handoff_count = 0 AND (${c}.ai_resolved OR (${answered} ` +
    `AND NOT ${feedbackNo} AND NOT ${saidNo} AND NOT ${cameBack})))`
  );
}
