/** The account facts a visitor record carries. */
interface AccountFacts {
  verified?: boolean;
  plan?: string;
  accountValue?: number;
  renewalDate?: string;
}

/**
 * The plan, account value and renewal date that may raise priority, pick tier thresholds, shorten
 * SLAs or flag renewal risk: a verified identity's only. Unverified ones are shown, never trusted.
 */
export function trustedAccount(v: AccountFacts): { plan?: string; accountValue?: number; renewalDate?: string } {
  if (v.verified !== true) return {};
  return {
    ...(v.plan !== undefined ? { plan: v.plan } : {}),
    ...(v.accountValue !== undefined ? { accountValue: v.accountValue } : {}),
    ...(v.renewalDate !== undefined ? { renewalDate: v.renewalDate } : {}),
  };
}
