import { generatePassword } from './passwords.js';
import type { UserRepository } from './user-repository.js';

/**
 * Gives the account a fresh generated password and signs it out everywhere. Null when no account
 * has this email. Used by `npm run reset-password -- EMAIL` (demo agents' passwords are printed
 * only at the start that created them).
 */
export async function resetPassword(users: UserRepository, email: string): Promise<string | null> {
  const password = generatePassword();
  const version = await users.setPassword(email, password, [email]);
  return version === null ? null : password;
}
