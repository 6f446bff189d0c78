import { stemEnglish } from './stem-english.js';

/**
 * Concept groups for support language. Hashed features cannot know that "update" and "change"
 * mean the same thing, so words in one group also emit a shared concept feature. Groups are
 * deliberately narrow: a wrong synonym pulls unrelated articles together.
 */
const GROUPS: Record<string, string[]> = {
  change: ['change', 'update', 'modify', 'edit', 'switch', 'replace', 'alter', 'adjust', 'rename', 'move'],
  billing: ['billing', 'bill', 'invoice', 'receipt', 'payment', 'charge', 'charged', 'pay', 'paid', 'card', 'vat'],
  email: ['email', 'e-mail', 'mail', 'address', 'inbox', 'gmail'],
  plan: ['plan', 'subscription', 'tier', 'pricing', 'package', 'seat', 'license'],
  upgrade: ['upgrade', 'downgrade', 'prorate', 'proration'],
  cancel: ['cancel', 'terminate', 'unsubscribe', 'discontinue', 'stop'],
  delete: ['delete', 'remove', 'erase', 'purge', 'wipe', 'deactivate', 'destroy', 'rid', 'discard', 'trash'],
  refund: ['refund', 'reimburse', 'reimbursement', 'chargeback', 'money'],
  login: ['login', 'log', 'signin', 'sign', 'logon', 'locked', 'lockout', 'access'],
  password: ['password', 'passcode', 'passphrase', 'credentials', 'forgot', 'forgotten'],
  twofactor: ['2fa', 'mfa', 'two-factor', 'authenticator', 'otp', 'verification', 'backup'],
  sso: ['sso', 'saml', 'okta', 'scim', 'idp', 'azure', 'entra'],
  teammate: ['teammate', 'colleague', 'coworker', 'member', 'user', 'people', 'staff', 'employee', 'team'],
  invite: ['invite', 'invitation', 'onboard', 'add'],
  role: ['role', 'permission', 'admin', 'owner', 'rights', 'privilege'],
  integration: ['integration', 'integrate', 'connect', 'plugin', 'addon', 'extension', 'app', 'slack', 'zapier'],
  apikey: ['api', 'key', 'token', 'secret', 'webhook', 'endpoint'],
  export: ['export', 'download', 'backup', 'extract', 'csv', 'archive', 'offline', 'lost', 'lose', 'safekeeping'],
  import: ['import', 'upload', 'bulk', 'migrate'],
  contact: ['contact', 'communicate', 'reach', 'dm'],
  notification: ['notification', 'notify', 'alert', 'reminder', 'digest', 'ping'],
  error: ['error', 'problem', 'issue', 'broken', 'bug', 'fail', 'failing', 'failed', 'wrong', 'crash', 'stuck'],
  sync: ['sync', 'synchronize', 'synchronise', 'refresh', 'reload'],
  outage: ['outage', 'down', 'downtime', 'status', 'unavailable', 'incident', 'offline', 'slow'],
  privacy: ['gdpr', 'privacy', 'personal', 'ccpa', 'dpa'],
  account: ['account', 'profile', 'workspace', 'organization', 'organisation', 'org', 'company'],
  task: ['task', 'todo', 'ticket', 'card', 'item', 'assignment'],
  project: ['project', 'board', 'folder'],
  find: ['find', 'locate', 'see', 'view', 'show', 'where', 'look', 'search'],
  create: ['create', 'make', 'new', 'start', 'setup', 'set'],
};

const CONCEPTS: ReadonlyMap<string, string> = (() => {
  const map = new Map<string, string>();
  for (const [concept, words] of Object.entries(GROUPS)) {
    for (const w of words) {
      const key = stemEnglish(w);
      // First group wins, so an ambiguous word ("card") belongs to one concept only.
      if (!map.has(key)) map.set(key, concept);
    }
  }
  return map;
})();

/** The concept a stemmed word belongs to, if any. */
export function conceptOf(stem: string): string | undefined {
  return CONCEPTS.get(stem);
}
