/**
 * Phrases behind the named conversation signals. Patterns run on normalised text (lowercase,
 * contractions expanded), so "doesn't" is written "does not". `weight` is how strongly one hit
 * suggests the signal; hits combine as a noisy-OR. `negatable` hits are dropped when a negator
 * precedes them in the same clause ("I don't need a human").
 */

export interface SignalPattern {
  signal: string;
  pattern: RegExp;
  weight: number;
  negatable: boolean;
}

const p = (signal: string, pattern: RegExp, weight: number, negatable = true): SignalPattern => ({
  signal,
  pattern,
  weight,
  negatable,
});

export const SIGNAL_PATTERNS: SignalPattern[] = [
  // frustration
  p('frustration', /\b(second|third|fourth|fifth|\d+(st|nd|rd|th)) time\b/g, 0.6, false),
  p('frustration', /\bhow many times\b/g, 0.7, false),
  p('frustration', /\b(again and again|over and over|yet again|once again)\b/g, 0.5, false),
  p(
    'frustration',
    /\bstill (not|no|broken|waiting|nothing|the same|having|getting|happening|failing|down)\b/g,
    0.6,
    false,
  ),
  p('frustration', /\b(ridiculous|useless|pointless|unacceptable|absurd|pathetic|unusable|outrageous)\b/g, 0.7),
  p('frustration', /\bwast(e|ed|ing) (of )?(my )?(time|money|hours|days)\b/g, 0.8, false),
  p('frustration', /\b(fed up|sick of|tired of|had enough|enough is enough)\b/g, 0.7, false),
  p('frustration', /\bfrustrat(ed|ing|ion)\b/g, 0.7),
  p('frustration', /\b(annoy(ed|ing)|angry|furious|livid|pissed)\b/g, 0.6),
  p('frustration', /\b(worst|terrible|horrible|awful|garbage|joke|nightmare)\b/g, 0.5),
  p(
    'frustration',
    /\b(nobody|no one|no-one) (is )?(help|helps|helping|answer|answers|respond|responds|replied|got back)/g,
    0.6,
    false,
  ),
  p('frustration', /\b(wtf|ffs|omg|ugh)\b/g, 0.5, false),
  // churn risk
  p('churn_risk', /\bcancel(l?ing|l?ed|lation)?\b/g, 0.7),
  p(
    'churn_risk',
    /\b(unsubscribe|terminate|close|delete) (my |the |our )?(account|subscription|plan|contract)\b/g,
    0.7,
  ),
  p(
    'churn_risk',
    /\b(switch|switching|move|moving|go|going|migrate|migrating) (over )?(to|back to) (another|a different|an? other|your competitor|a competitor|some other)\b/g,
    0.8,
  ),
  p('churn_risk', /\b(competitor|competition|alternative(s)?|other (tool|provider|vendor|service)s?)\b/g, 0.5),
  p('churn_risk', /\b(refund|money back|chargeback|charge back|reimburse(ment)?)\b/g, 0.6),
  p('churn_risk', /\bnot (going to |gonna )?renew(ing)?\b/g, 0.8, false),
  p('churn_risk', /\b(leave|leaving|quit|quitting|done with) (you|your|this)\b/g, 0.6),
  p('churn_risk', /\bdowngrad(e|ing)\b/g, 0.4),
  // legal
  p('legal', /\b(lawyer|lawyers|attorney|solicitor|lawsuit|litigation|subpoena)\b/g, 0.9),
  p('legal', /\b(sue|suing|sued)\b/g, 0.9),
  p('legal', /\blegal (action|team|department|steps|proceedings|notice|counsel)\b/g, 0.9),
  p('legal', /\b(court|small claims|ombudsman|regulator|trading standards|ftc|consumer protection)\b/g, 0.6),
  p('legal', /\b(breach of contract|violat(e|es|ed|ion) (of )?(the )?(law|contract|terms|gdpr))\b/g, 0.7),
  p('legal', /\b(gdpr|ccpa|dpa)\b/g, 0.4, false),
  // security
  p('security', /\b(hacked|hacker|hackers|hack)\b/g, 0.9),
  p('security', /\b(breach|breached|data leak|leaked|compromised)\b/g, 0.8),
  p(
    'security',
    /\b(someone|somebody|stranger|unknown person|an attacker) (has )?(accessed|logged in|logged into|got into|broke into|is using|used|changed)\b/g,
    0.9,
    false,
  ),
  p('security', /\bunauthori[sz]ed (access|login|log ?in|charge|transaction|user|activity)\b/g, 0.8),
  p('security', /\b(phishing|malware|ransomware|vulnerability|exploit|xss|sql injection|account takeover)\b/g, 0.8),
  p('security', /\bsuspicious (login|log ?in|activity|email|sign ?in|access)\b/g, 0.7),
  p('security', /\b(password|2fa|mfa) (reset|change|code)s? (i|that i) (did not|never) (request|ask)/g, 0.8, false),
  // privacy (GDPR and personal data requests; also feeds legal above)
  p('privacy', /\b(gdpr|ccpa|dsar|data subject|right to be forgotten|right to erasure)\b/g, 0.8, false),
  p('privacy', /\b(delete|erase|remove|export|copy of) (all )?(my |our )?(personal )?(data|information|info)\b/g, 0.6),
  p('privacy', /\bpersonal (data|information)\b/g, 0.5),
  // human request
  p(
    'human_request',
    /\b(talk|speak|chat) (to|with) (a |an |some |your )?(real |actual |live )?(person|human|someone|somebody|agent|representative|rep|manager|supervisor|operator|people)\b/g,
    0.95,
  ),
  p('human_request', /\b(real|actual|live) (person|human|agent|people|representative)\b/g, 0.9),
  p('human_request', /\b(agent|human|person|representative|operator) (please|pls|plz|now)\b/g, 0.9),
  p(
    'human_request',
    /\b(need|want|get|give|connect|transfer|put) (me )?(to |through to |with )?(a |an )?(human|person|agent|representative|operator|supervisor|manager)\b/g,
    0.85,
  ),
  p('human_request', /\b(customer service|support) (rep|representative|agent|team member)\b/g, 0.7),
  p('human_request', /\b(are you|is this) (a )?(bot|robot|machine|ai)\b/g, 0.5),
  p('human_request', /\b(stop|no more|enough with the) (bot|robot|ai|automated)\b/g, 0.7),
  p('human_request', /^\s*(human|agent|representative|operator|person)\s*[.!?]*\s*$/g, 0.9, false),
];
