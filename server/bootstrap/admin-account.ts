import { generatePassword } from '../auth/passwords.js';
import type { UserRepository } from '../auth/user-repository.js';

export interface AdminLogin {
  email: string;
  /** Only set when it was created or reset now: it is never stored in clear. */
  password?: string;
  created: boolean;
}

/**
 * Makes sure the first admin exists. With ADMIN_PASSWORD set, an existing admin's password is
 * reset to it, which is how an operator recovers a lost generated password.
 */
export async function ensureAdminAccount(users: UserRepository, email: string, configuredPassword?: string): Promise<AdminLogin> {
  const existing = await users.findByEmailWithHash(email);
  if (existing) {
    if (configuredPassword) await users.setPassword(email, configuredPassword);
    return { email, created: false, ...(configuredPassword ? { password: configuredPassword } : {}) };
  }
  const password = configuredPassword ?? generatePassword();
  await users.create({ email, name: 'Admin', password, role: 'admin', skills: [], maxConcurrent: 10 });
  return { email, password, created: true };
}
