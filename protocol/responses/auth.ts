import { z } from 'zod';
import { UserRole } from '../domain.js';

/** The signed-in user as login and profile changes return it. */
export const SignedInUser = z.object({
  id: z.string(),
  email: z.string(),
  name: z.string(),
  displayName: z
    .string()
    .nullable()
    .describe('the name customers see; null until chosen (the console asks at first sign-in)'),
  role: UserRole,
});
export type SignedInUser = z.infer<typeof SignedInUser>;

/** `POST /api/auth/login`. */
export const LoginResponse = z.object({ token: z.string(), user: SignedInUser });
export type LoginResponse = z.infer<typeof LoginResponse>;

/** `PUT /api/auth/profile`. */
export const ProfileResponse = z.object({ user: SignedInUser });
export type ProfileResponse = z.infer<typeof ProfileResponse>;

/** `POST /api/auth/password`: this session continues with a fresh token. */
export const PasswordChangedResponse = z.object({ token: z.string() });
export type PasswordChangedResponse = z.infer<typeof PasswordChangedResponse>;
