import { BlockList, isIP } from 'node:net';

/**
 * `TRUST_PROXY`: which reverse proxies may tell us the visitor's address in X-Forwarded-For.
 *   off (default)   the socket's own peer address; X-Forwarded-For is ignored (anyone can send it)
 *   N (1, 2, ...)   N proxies in front: the address N hops back along X-Forwarded-For
 *   a list          proxies by address or CIDR (`10.0.0.0/8,127.0.0.1`): the first address that is not one of them
 */
export type TrustProxy =
  | { readonly kind: 'off' }
  | { readonly kind: 'hops'; readonly hops: number }
  | { readonly kind: 'list'; readonly entries: readonly string[] };

export function parseTrustProxy(value: string | undefined): TrustProxy {
  const v = (value ?? '').trim();
  if (v === '' || v === 'off' || v === 'false' || v === '0') return { kind: 'off' };
  if (/^\d+$/.test(v)) return { kind: 'hops', hops: Number(v) };
  const entries = v
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  for (const e of entries) {
    const [ip, bits] = e.split('/');
    if (!isIP(ip ?? '') || (bits !== undefined && !/^\d{1,3}$/.test(bits)))
      throw new Error(`"${e}" is not an IP address or CIDR range (or use off / a number of hops)`);
  }
  return { kind: 'list', entries };
}

/** `::ffff:1.2.3.4` and `1.2.3.4` are the same visitor. */
const normalize = (a: string) => {
  const s = a.trim();
  return s.startsWith('::ffff:') && isIP(s.slice(7)) === 4 ? s.slice(7) : s;
};

/** Returns `(peerAddress, xForwardedFor?) => the address limits count`. */
export function createClientAddress(trust: TrustProxy): (peer: string, forwardedFor?: string | string[]) => string {
  if (trust.kind === 'off') return (peer) => normalize(peer);
  const blocks = new BlockList();
  if (trust.kind === 'list') {
    for (const e of trust.entries) {
      const [ip, bits] = e.split('/') as [string, string | undefined];
      const type = isIP(ip) === 6 ? 'ipv6' : 'ipv4';
      if (bits === undefined) blocks.addAddress(ip, type);
      else blocks.addSubnet(ip, Number(bits), type);
    }
  }
  const trusted = (a: string) => {
    const type = isIP(a);
    return type !== 0 && blocks.check(a, type === 6 ? 'ipv6' : 'ipv4');
  };
  return (peer, forwardedFor) => {
    const header = Array.isArray(forwardedFor) ? forwardedFor.join(',') : (forwardedFor ?? '');
    // Nearest first: the peer, then X-Forwarded-For from right (added by our proxy) to left.
    const chain = [peer, ...header.split(',').reverse()].map(normalize).filter(Boolean);
    if (trust.kind === 'hops') return chain[Math.min(trust.hops, chain.length - 1)]!;
    let i = 0;
    while (i < chain.length - 1 && trusted(chain[i]!)) i++;
    return chain[i]!;
  };
}
