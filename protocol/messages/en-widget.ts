// What the widget writes to a visitor, in English: built into the widget. The server sends the
// same keys in the visitor's language (see protocol/messages/catalogue.ts); `{name}` is filled in.
export const WIDGET_TEXT_EN = {
  greet: "Hi! You're chatting with an AI assistant. A person can take over any time.",
  human: 'Talk to a person',
  humanMsg: "I'd like to talk to a person.",
  subAi: 'AI assistant · our team is one message away',
  subQueue: 'Waiting for our team',
  subAgent: "You're chatting with {name}",
  queue: "You've been handed to our team — position {position} in queue, about {minutes} min",
  backAt: "You've been handed to our team. We're back {when}, and we'll reply here then.",
  nobody: "You've been handed to our team. Nobody is available right now, so we'll reply here as soon as someone is back.",
  mailTitle: "Prefer email? Leave your address and we'll continue there.",
  mailSend: 'Continue by email',
  mailSaved: 'Thanks, we will reply to {email}.',
  retryFail: 'That did not go through. Please try again.',
  csatTitle: 'How did we do?',
  csatThanks: 'Thank you for your feedback!',
  csatSend: 'Send rating',
  resolved: 'This conversation was resolved. Type a message any time if you need more help.',
  readOne: 'Read the full article',
  readAll: 'Read the full articles',
  input: 'Type your message…',
  ai: 'AI assistant',
  agent: 'Support agent',
  helped: 'Did this help?',
  yes: 'Yes',
  no: 'No',
  fbYes: 'Thanks for letting us know!',
  fbNo: 'Thanks. A person from our team will help with your next message.',
};
export type WidgetTextKey = keyof typeof WIDGET_TEXT_EN;
export type WidgetText = Record<WidgetTextKey, string>;
