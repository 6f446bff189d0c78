import { WIDGET_TEXT_EN } from './en-widget.js';

/** What the server writes to a visitor, in English. Every language has the same keys. */
export const SERVER_TEXT_EN = {
  greeting:
    "Hi! I'm the Acme AI assistant. Ask me anything about your account, " +
    'billing or the product, or ask for a person at any time.',
  thanks: "You're welcome! If anything else comes up, just write here.",
  thanksWaiting:
    "You're welcome! You are still in the queue for a person; " +
    'if you no longer need one, you can simply close this chat.',
  greetingWaiting:
    'Hi! You are in the queue and a person from our team will be with you shortly. ' +
    'You can keep writing here in the meantime.',
  waitingNote: '(While you wait for our team:) ',
  clarify:
    'I want to get this right: is your question about {options}? ' +
    'A few more words about what you are trying to do will help.',
  or: 'or',
  handoff:
    "I'm handing this conversation to our support team. " +
    'Someone will be with you shortly — you can keep writing here in the meantime.',
  handoffOtherLanguage:
    "I don't have a help article in English on this, " +
    "so I'm passing you to someone from our team who speaks English. You can keep writing here in the meantime.",
  failure:
    "Sorry, I ran into a problem answering that. I'm passing you to our support team so you are not left waiting.",
  late:
    "Sorry for the wait — I couldn't answer this in time, " +
    "so I'm passing you to our support team. Someone will be with you shortly.",
  agentJoined: '{name} joined the conversation.',
  contactSaved: 'Thanks — we will reply to {email} if nobody is available here.',
  transfer: 'You are being transferred to our {team} team. Someone will be with you shortly.',
  escalated:
    'Your case has been escalated to a senior member of our team because ' +
    'it is taking longer than it should. Thank you for your patience.',
  bugFixed: 'Good news: the problem you reported ("{title}") has been fixed. Thank you for telling us about it.',
  twoParts: 'Your question has two parts, answered by two articles:',
  readOne: 'Read the full article',
  readAll: 'Read the full articles',
};
export type ServerTextKey = keyof typeof SERVER_TEXT_EN;
export type ServerText = Record<ServerTextKey, string>;

export const EN = { server: SERVER_TEXT_EN, widget: WIDGET_TEXT_EN };
