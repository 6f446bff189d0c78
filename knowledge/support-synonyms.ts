import type { Language } from '../protocol/messages/languages.js';
import { stemsFor } from '../text/language-stems.js';
import { stemEnglish } from '../text/stem-english.js';

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

/**
 * The same concepts in German, French and Spanish, for the answer composer (an answer quotes an
 * article in the visitor's language): the words the translated help articles and their readers use.
 */
const TRANSLATED_GROUPS: Record<Exclude<Language, 'en'>, Record<string, string>> = {
  de: {
    change: 'ändern ändere änderung aktualisieren bearbeiten wechseln umstellen',
    billing: 'rechnung rechnungs abrechnung zahlung bezahlen bezahlt bezahlte kostenpflichtig',
    email: 'e-mail mail email adresse',
    plan: 'tarif abonnement abo plan paket',
    cancel: 'kündigen kündigung beenden stornieren',
    role: 'owner admin rolle berechtigung darf',
    login: 'anmelden anmeldung einloggen login gesperrt',
    password: 'passwort kennwort vergessen',
    twofactor: '2fa zwei-faktor-authentifizierung authentifizierung authenticator',
    account: 'konto workspace profil',
    create: 'aktivieren einrichten einschalten',
  },
  fr: {
    change: 'changer modifier changement modification mettre',
    billing: 'facture facturation paiement payer payé payant payante',
    email: 'e-mail mail email courriel adresse',
    plan: 'abonnement offre forfait plan',
    cancel: 'résilier résiliation annuler arrêter',
    role: 'owner admin rôle droits autorisé',
    login: 'connecter connexion connecte verrouillé bloqué',
    password: 'oublié',
    twofactor: '2fa authentification facteurs authenticator',
    account: 'compte espace profil',
    create: 'activer configurer',
  },
  es: {
    change: 'cambiar cambio cambio modificar actualizar editar',
    billing: 'factura facturación pago pagar pagado',
    email: 'correo e-mail email dirección',
    plan: 'suscripción plan tarifa',
    cancel: 'cancelar cancelación baja anular',
    role: 'owner admin rol permiso quién',
    login: 'iniciar sesión acceder bloqueada bloqueado',
    password: 'contraseña olvidé olvidada',
    twofactor: '2fa verificación pasos authenticator',
    account: 'cuenta espacio perfil',
    create: 'activar configurar activo',
  },
};

// First group wins, so an ambiguous word ("card") belongs to one concept only.
function conceptMap(
  groups: Record<string, readonly string[]>,
  stem: (word: string) => string,
): ReadonlyMap<string, string> {
  const map = new Map<string, string>();
  for (const [concept, words] of Object.entries(groups))
    for (const w of words) if (!map.has(stem(w))) map.set(stem(w), concept);
  return map;
}

const CONCEPTS: Record<Language, ReadonlyMap<string, string>> = {
  en: conceptMap(GROUPS, stemEnglish),
  ...(Object.fromEntries(
    Object.entries(TRANSLATED_GROUPS).map(([lang, groups]) => [
      lang,
      conceptMap(
        Object.fromEntries(Object.entries(groups).map(([c, words]) => [c, words.split(' ')])),
        stemsFor(lang as Language).stem,
      ),
    ]),
  ) as Record<Exclude<Language, 'en'>, ReadonlyMap<string, string>>),
};

/** The concept a stemmed word belongs to, if any; stems of the given language (English by default). */
export function conceptOf(stem: string, language?: Language | null): string | undefined {
  return CONCEPTS[language ?? 'en'].get(stem);
}
