import { createHmac, timingSafeEqual } from 'node:crypto';
import { verify } from 'hono/jwt';
import { z } from 'zod';
import { VisitorIdentity } from '../../protocol/domain.js';

/** The identity as stored and shown: what the host page said, without the proofs. */
export type StoredIdentity = Omit<VisitorIdentity, 'userHash' | 'jwt'>;

export interface IdentityCheck {
  identity?: StoredIdentity;
  /** True only when IDENTITY_SECRET proved it: a matching userHash for `id`, or a valid signed JWT. */
  verified: boolean;
  /** Why a proof that was sent did not verify (for the log; never shown to the visitor). */
  problem?: string;
}

/** What a host app's JWT may carry (`sub` is accepted for `id`); `exp` is required. */
const JwtClaims = z.object({
  id: z.union([z.string(), z.number()]).optional(),
  sub: z.union([z.string(), z.number()]).optional(),
  name: z.string().optional(),
  email: z.string().optional(),
  plan: z.string().optional(),
  accountValue: z.number().optional(),
  renewalDate: z.string().optional(),
  exp: z.number(),
});

/** The HMAC a host app computes for a user id: hex(HMAC-SHA256(IDENTITY_SECRET, id)). */
export function identityHash(secret: string, id: string): string {
  return createHmac('sha256', secret).update(id, 'utf8').digest('hex');
}

/**
 * Identity verification as Intercom and Chatwoot do it. The host app's server signs who the
 * visitor is with IDENTITY_SECRET, either `userHash` over the user id or an HS256 JWT whose claims
 * are the identity; anything else the page says is kept but marked unverified.
 */
export function createIdentityVerifier(secret: string | undefined) {
  return {
    async check(claimed: VisitorIdentity | undefined): Promise<IdentityCheck> {
      if (!claimed) return { verified: false };
      const { userHash, jwt, ...asserted } = claimed;
      const identity = Object.keys(asserted).length ? asserted : undefined;
      if (!userHash && !jwt) return { identity, verified: false };
      if (!secret)
        return { identity, verified: false, problem: 'a userHash or jwt was sent but IDENTITY_SECRET is not set' };
      if (jwt) {
        const fromToken = await jwtIdentity(jwt, secret);
        if ('identity' in fromToken) return { identity: fromToken.identity, verified: true };
        return { identity, verified: false, problem: fromToken.problem };
      }
      if (!asserted.id) return { identity, verified: false, problem: 'userHash without an id' };
      const expected = Buffer.from(identityHash(secret, asserted.id), 'utf8');
      const given = Buffer.from(userHash!.trim().toLowerCase(), 'utf8');
      const ok = given.length === expected.length && timingSafeEqual(given, expected);
      return ok
        ? { identity, verified: true }
        : { identity, verified: false, problem: 'userHash does not match the id' };
    },
  };
}
export type IdentityVerifier = ReturnType<typeof createIdentityVerifier>;

/** The JWT's claims as an identity, or why it is not accepted (bad signature, expired, no exp, no id). */
async function jwtIdentity(token: string, secret: string): Promise<{ identity: StoredIdentity } | { problem: string }> {
  let payload: unknown;
  try {
    payload = await verify(token, secret, 'HS256');
  } catch (err) {
    return { problem: `jwt rejected: ${err instanceof Error ? err.name : 'invalid'}` };
  }
  const claims = JwtClaims.safeParse(payload);
  if (!claims.success) return { problem: 'jwt claims are not an identity with exp' };
  const c = claims.data;
  const id = c.id ?? c.sub;
  // The same bounds as an identity sent in the handshake.
  const identity = VisitorIdentity.safeParse({
    ...(id !== undefined ? { id: String(id) } : {}),
    ...(c.name !== undefined ? { name: c.name } : {}),
    ...(c.email !== undefined ? { email: c.email } : {}),
    ...(c.plan !== undefined ? { plan: c.plan } : {}),
    ...(c.accountValue !== undefined ? { accountValue: c.accountValue } : {}),
    ...(c.renewalDate !== undefined ? { renewalDate: c.renewalDate } : {}),
  });
  if (!identity.success || !identity.data.id) return { problem: 'jwt has no id (or sub) or a field out of bounds' };
  return { identity: identity.data };
}
