// A small suite over the demo knowledge base, for the conversation tests screen's empty state.
// The full one ships in tests/conversations/demo-suite.jsonl.
export const SAMPLE_CONVERSATION_SUITE = [
  '{"name": "howto/reset password", "turns": ["How do I reset my password?"], ' +
    '"expect": {"answer": "login-password-2fa"}, "mustContain": ["Forgot password"]}',
  '{"name": "problem/lost phone 2fa", "turns": ["I lost my phone and can\'t get my ' +
    'two-factor codes anymore. What can I do?"], "expect": {"answer": "login-password-2fa"}}',
  '{"name": "followup/api then webhook", "turns": ["How do I create an API key?", ' +
    '"And how do I set up a webhook for task.completed events?"], "expect": {"answer": "api-webhooks"}}',
  '{"name": "unanswerable/jira import", "turns": ["Can I import my boards from Jira?"], "expect": {"noAnswer": true}}',
  '{"name": "person-explicit/after answer", "turns": ["How do I reset my password?", ' +
    '"That didn\'t help, please connect me to a real person."], "expect": {"handoff": true}}',
  '{"name": "churn/cancel unhappy", "turns": ["We\'re going to cancel, ' +
    'the product just doesn\'t work for us anymore."], "expect": {"handoff": true}}',
  '{"name": "security/hacked", "turns": ["I think my account was hacked, ' +
    'there are logins from another country."], "expect": {"handoff": true}}',
].join('\n');
