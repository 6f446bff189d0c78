import { generatePassword, verifyPassword } from '../auth/passwords.js';
import type { UserRepository } from '../auth/user-repository.js';

export interface AdminLogin {
  email: string;
  /** Only a password generated now (first start without ADMIN_PASSWORD); a configured one is never echoed. */
  password?: string;
  created: boolean;
  /** True when ADMIN_PASSWORD is set: the password is the configured one. */
  configured: boolean;
}

/**
 * Makes sure the first admin exists. With ADMIN_PASSWORD set, an existing admin's password is
 * reset to it when it differs, which is how an operator recovers a lost generated password (and
 * signs that admin out everywhere). The same password at every start changes nothing.
 */
export async function ensureAdminAccount(
  users: UserRepository,
  email: string,
  configuredPassword?: string,
): Promise<AdminLogin> {
  const configured = configuredPassword !== undefined;
  const existing = await users.findByEmailWithHash(email);
  if (existing) {
    if (configuredPassword && !(await verifyPassword(configuredPassword, existing.passwordHash))) {
      await users.setPassword(email, configuredPassword, [email, existing.name]);
    }
    return { email, created: false, configured };
  }
  const generated = configuredPassword ? undefined : generatePassword();
  await users.create({
    email,
    name: 'Admin',
    password: configuredPassword ?? generated!,
    role: 'admin',
    skills: [],
    maxConcurrent: 10,
  });
  return { email, created: true, configured, ...(generated ? { password: generated } : {}) };
}
