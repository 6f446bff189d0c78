import type { VisitorIdentity } from '../protocol/domain.js';
import { LIMITS } from '../protocol/limits.js';

const STRING_FIELDS = {
  id: 200,
  name: LIMITS.visitorName,
  email: LIMITS.email,
  plan: 100,
  renewalDate: 40,
  userHash: 200,
  // Identity verification: the host app's server signs who the visitor is; passed through untouched.
  jwt: 4096,
} as const;

/**
 * Keeps only well-formed identity fields. Hosts pass loosely typed data (numeric ids, "12000" as a
 * string, Date objects); the server validates the handshake strictly and would refuse the whole
 * connection over one bad field, so coerce what is unambiguous and drop the rest.
 */
export function normalizeIdentity(input: unknown): VisitorIdentity {
  const out: VisitorIdentity = {};
  if (!input || typeof input !== 'object') return out;
  const src = input as Record<string, unknown>;
  for (const [field, max] of Object.entries(STRING_FIELDS) as [keyof typeof STRING_FIELDS, number][]) {
    let v = src[field];
    if (field === 'renewalDate' && v instanceof Date && !Number.isNaN(v.getTime())) v = v.toISOString().slice(0, 10);
    if (typeof v === 'number' && Number.isFinite(v)) v = String(v);
    if (typeof v === 'string' && v.trim()) out[field] = v.trim().slice(0, max);
  }
  const value = typeof src.accountValue === 'string' ? Number(src.accountValue) : src.accountValue;
  if (typeof value === 'number' && Number.isFinite(value) && value >= 0) out.accountValue = value;
  return out;
}
