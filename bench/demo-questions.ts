/** Questions the demo knowledge base answers, shared by the benchmarks that drive whole messages. */
export const DEMO_QUESTIONS = [
  'How do I change my billing email?',
  'how can I reset my password',
  'Where do I find my invoices?',
  'How do I connect Slack?',
  'how to invite a teammate to my workspace',
  'Can I export all my data as CSV?',
];
