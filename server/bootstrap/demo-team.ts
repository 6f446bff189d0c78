import { generatePassword } from '../auth/passwords.js';
import type { UserRepository } from '../auth/user-repository.js';

const DEMO_AGENTS = [
  { email: 'sam@firstline.local', name: 'Sam Rivera', displayName: 'Sam', skills: ['billing', 'general'] },
  {
    email: 'alex@firstline.local',
    name: 'Alex Chen',
    displayName: 'Alex',
    skills: ['technical', 'security', 'general'],
  },
];

/** Two demo agents on first start, so routing has someone to pick; their passwords are printed once. */
export async function seedDemoTeam(users: UserRepository): Promise<Array<{ email: string; password: string }>> {
  const created: Array<{ email: string; password: string }> = [];
  for (const a of DEMO_AGENTS) {
    if (await users.findByEmailWithHash(a.email)) continue;
    const password = generatePassword();
    await users.create({ ...a, password, role: 'agent', maxConcurrent: 5 });
    created.push({ email: a.email, password });
  }
  return created;
}

/** The demo agents' sign-in emails (the banner says how to reset their passwords after a restart). */
export const DEMO_AGENT_EMAILS: readonly string[] = DEMO_AGENTS.map((a) => a.email);
