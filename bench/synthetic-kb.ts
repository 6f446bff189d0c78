import { mulberry32 } from '../understanding/seeded-random.js';
/** Deterministic synthetic help-centre articles and questions from a small vocabulary (no downloads). */
const AREAS = [
  'billing',
  'invoice',
  'workspace',
  'project',
  'task',
  'calendar',
  'report',
  'dashboard',
  'integration',
  'webhook',
  'api key',
  'team',
  'member',
  'role',
  'permission',
  'notification',
  'email',
  'password',
  'login',
  'export',
  'import',
  'template',
  'comment',
  'attachment',
  'label',
  'sprint',
  'milestone',
  'timeline',
  'budget',
  'subscription',
];
const VERBS = [
  'create',
  'delete',
  'rename',
  'archive',
  'restore',
  'share',
  'export',
  'import',
  'connect',
  'disconnect',
  'enable',
  'disable',
  'configure',
  'reset',
  'transfer',
  'duplicate',
  'schedule',
  'filter',
  'sort',
  'move',
];
const PLACES = [
  'Settings',
  'the sidebar',
  'the project menu',
  'the admin console',
  'your profile',
  'the toolbar',
  'the billing page',
  'the integrations tab',
];
const DETAILS = [
  'Only owners and admins can do this.',
  'Changes apply immediately to every member.',
  'You can undo this within 30 days.',
  'This is available on the Business plan and above.',
  'The mobile app supports this as well.',
  'An email confirmation is sent to the workspace owner.',
  'Large workspaces may take a few minutes to update.',
  'Guests cannot see the result.',
  'Audit logs record who made the change.',
  'Use the API for bulk changes.',
];

export interface SyntheticArticle {
  title: string;
  body: string;
  pages: string[];
}

/** Article `i`: a title "How to <verb> a <area>" and `sections` Markdown sections of a few sentences. */
export function syntheticArticle(i: number, sections = 4): SyntheticArticle {
  const r = mulberry32(i + 1);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(r() * xs.length)]!;
  const verb = VERBS[i % VERBS.length]!;
  const area = AREAS[Math.floor(i / VERBS.length) % AREAS.length]!;
  const title = `How to ${verb} a ${area} (${i})`;
  const parts: string[] = [];
  for (let s = 0; s < sections; s++) {
    const v = s === 0 ? verb : pick(VERBS);
    const a = s === 0 ? area : pick(AREAS);
    const sentences = Array.from(
      { length: 6 },
      () => `To ${pick(VERBS)} the ${pick(AREAS)}, open ${pick(PLACES)} and choose ${pick(VERBS)}. ${pick(DETAILS)}`,
    );
    parts.push(`## ${cap(v)} the ${a}\n\n${sentences.join(' ')}`);
  }
  return { title, body: parts.join('\n\n'), pages: [`/${area.replace(/\s+/g, '-')}/*`] };
}

/** A question about article `i`'s topic. */
export function syntheticQuestion(i: number): string {
  const verb = VERBS[i % VERBS.length]!;
  const area = AREAS[Math.floor(i / VERBS.length) % AREAS.length]!;
  return `how can I ${verb} my ${area}?`;
}

const cap = (s: string) => s[0]!.toUpperCase() + s.slice(1);
