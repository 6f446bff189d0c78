import { identityHash } from '../../server/visitors/identity-verifier.js';

/** The IDENTITY_SECRET every test server has (tests/helpers/test-server.ts), as a host app would. */
export const TEST_IDENTITY_SECRET = 'test-identity-secret-0123456789abcdef';

let n = 0;
/**
 * An identity the host app proved (userHash), so its plan, account value and renewal date count
 * for priority and policy; without an id one is made up.
 */
export function proven<T extends Record<string, unknown>>(identity: T): T & { id: string; userHash: string } {
  const id = typeof identity.id === 'string' ? identity.id : `u_test_${process.pid}_${++n}`;
  return { ...identity, id, userHash: identityHash(TEST_IDENTITY_SECRET, id) };
}
