import { lookup } from 'node:dns/promises';
import { BlockList, isIP } from 'node:net';

/**
 * Where a webhook may not reach (SSRF): loopback, private, shared, link-local (cloud metadata),
 * multicast, reserved and unspecified ranges of IPv4 and IPv6, unless configuration allows a
 * network (WEBHOOK_ALLOWED_NETWORKS). Every address a host name resolves to is checked, at
 * registration and again on each connection (the deliverer's lookup), so a name that later
 * resolves inside is refused too.
 */
const REFUSED_V4: [string, number][] = [
  ['0.0.0.0', 8],
  ['10.0.0.0', 8],
  ['100.64.0.0', 10],
  ['127.0.0.0', 8],
  ['169.254.0.0', 16],
  ['172.16.0.0', 12],
  ['192.0.0.0', 24],
  ['192.0.2.0', 24],
  ['192.168.0.0', 16],
  ['198.18.0.0', 15],
  ['198.51.100.0', 24],
  ['203.0.113.0', 24],
  ['224.0.0.0', 4],
  ['240.0.0.0', 4],
];
const REFUSED_V6: [string, number][] = [
  ['::', 128],
  ['::1', 128],
  ['64:ff9b::', 96],
  ['100::', 64],
  ['2001:db8::', 32],
  ['fc00::', 7],
  ['fe80::', 10],
  ['ff00::', 8],
];

const refused = new BlockList();
for (const [net, prefix] of REFUSED_V4) refused.addSubnet(net, prefix, 'ipv4');
for (const [net, prefix] of REFUSED_V6) refused.addSubnet(net, prefix, 'ipv6');

export interface AddressPolicy {
  allowed: BlockList;
}

/** Parses WEBHOOK_ALLOWED_NETWORKS (`127.0.0.1/32,10.1.0.0/16`). */
export function addressPolicy(allowedNetworks: string): AddressPolicy {
  const allowed = new BlockList();
  for (const entry of allowedNetworks
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)) {
    const [net, prefix] = entry.split('/');
    const family = isIP(net ?? '');
    if (!family) throw new Error(`WEBHOOK_ALLOWED_NETWORKS: ${entry} is not a network`);
    allowed.addSubnet(
      net!,
      prefix === undefined ? (family === 4 ? 32 : 128) : Number(prefix),
      family === 4 ? 'ipv4' : 'ipv6',
    );
  }
  return { allowed };
}

/** IPv4-mapped IPv6 (`::ffff:10.0.0.1`) is judged as the IPv4 address it carries. */
function normalize(address: string): { address: string; family: 'ipv4' | 'ipv6' } {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  if (mapped) return { address: mapped[1]!, family: 'ipv4' };
  return { address, family: isIP(address) === 6 ? 'ipv6' : 'ipv4' };
}

/** Why an address is refused, or null when a webhook may reach it. */
export function refusedAddress(address: string, policy: AddressPolicy): string | null {
  const a = normalize(address);
  if (policy.allowed.check(a.address, a.family)) return null;
  return refused.check(a.address, a.family) ? `${address} is in a private or reserved range` : null;
}

export class RefusedAddressError extends Error {}

/** Resolves the host and checks every address it has; throws RefusedAddressError naming the first refused one. */
export async function resolveAllowed(host: string, policy: AddressPolicy): Promise<string[]> {
  const bare = host.replace(/^\[|\]$/g, '');
  const addresses = isIP(bare) ? [bare] : (await lookup(bare, { all: true, verbatim: true })).map((r) => r.address);
  if (!addresses.length) throw new RefusedAddressError(`${host} does not resolve`);
  for (const a of addresses) {
    const why = refusedAddress(a, policy);
    if (why) throw new RefusedAddressError(why);
  }
  return addresses;
}
