import { lookup as dnsLookup } from 'node:dns/promises';
import { BlockList, isIP, isIPv4, isIPv6 } from 'node:net';

/**
 * Where a request that users aim (a webhook) may not go: this host, its networks and the cloud's
 * metadata service, or addresses no public server has. Otherwise a user learns what answers inside.
 */
const REFUSED = new BlockList();
for (const [network, prefix] of [
  ['0.0.0.0', 8], // "this network", with the unspecified 0.0.0.0
  ['10.0.0.0', 8], ['172.16.0.0', 12], ['192.168.0.0', 16], // private
  ['100.64.0.0', 10], // carrier-grade NAT
  ['127.0.0.0', 8], // loopback
  ['169.254.0.0', 16], // link-local, with the metadata service 169.254.169.254
  ['192.0.0.0', 24], ['192.0.2.0', 24], ['198.18.0.0', 15], ['198.51.100.0', 24], ['203.0.113.0', 24], // protocol, test, benchmark
  ['224.0.0.0', 4], // multicast
  ['240.0.0.0', 4], // reserved, with the broadcast 255.255.255.255
] as const) REFUSED.addSubnet(network, prefix, 'ipv4');
for (const [network, prefix] of [
  ['::', 128], ['::1', 128], // unspecified, loopback
  ['100::', 64], ['2001::', 32], ['2001:db8::', 32], // discard, Teredo (hides its IPv4), documentation
  ['64:ff9b:1::', 48], // local-use NAT64: translates into the operator's own network
  ['fc00::', 7], ['fec0::', 10], ['fe80::', 10], // unique local, old site-local, link-local
  ['ff00::', 8], // multicast
] as const) REFUSED.addSubnet(network, prefix, 'ipv6');

/** The eight 16-bit groups of a valid IPv6 address (without a zone). */
function ipv6Groups(address: string): number[] {
  // A trailing dotted quad (::ffff:127.0.0.1) spells the last two groups.
  const text = address.replace(/(\d+)\.(\d+)\.(\d+)\.(\d+)$/,
    (_, a: string, b: string, c: string, d: string) => `${((+a << 8) | +b).toString(16)}:${((+c << 8) | +d).toString(16)}`);
  const [head = '', tail] = text.split('::');
  const groups = (part: string) => (part ? part.split(':') : []);
  const left = groups(head);
  const right = groups(tail ?? '');
  const all = tail === undefined ? left : [...left, ...Array<string>(8 - left.length - right.length).fill('0'), ...right];
  return all.map((group) => parseInt(group, 16));
}

/**
 * The IPv4 address an IPv6 address stands for, when it is one of the forms that reach it: mapped
 * (`::ffff:a.b.c.d`), compatible (`::a.b.c.d`), translated (`::ffff:0:a.b.c.d`), NAT64 (`64:ff9b::/96`)
 * and 6to4 (`2002:AABB:CCDD::`). Each is refused when its IPv4 address is.
 */
function embeddedIPv4(address: string): string | undefined {
  const groups = ipv6Groups(address);
  const g = (i: number) => groups[i] ?? 0;
  const zero = (from: number, to: number) => groups.slice(from, to).every((group) => group === 0);
  const quad = (high: number, low: number) => [high >> 8, high & 0xff, low >> 8, low & 0xff].join('.');
  if (zero(0, 5) && (g(5) === 0 || g(5) === 0xffff)) return quad(g(6), g(7));
  if (zero(0, 4) && g(4) === 0xffff && g(5) === 0) return quad(g(6), g(7));
  if (g(0) === 0x64 && g(1) === 0xff9b && zero(2, 6)) return quad(g(6), g(7));
  if (g(0) === 0x2002) return quad(g(1), g(2));
  return undefined;
}

/** The address without brackets or an IPv6 zone (`[fe80::1%eth0]` → `fe80::1`). */
const bare = (address: string) => address.replace(/^\[|\]$/g, '').replace(/%.*$/, '');

/** True when no request may go to `address` unless allow-listed; anything that is not an IP address too. */
export function isRefusedAddress(address: string): boolean {
  const ip = bare(address);
  if (isIPv4(ip)) return REFUSED.check(ip, 'ipv4');
  if (!isIPv6(ip)) return true;
  const v4 = embeddedIPv4(ip);
  return REFUSED.check(ip, 'ipv6') || (v4 !== undefined && REFUSED.check(v4, 'ipv4'));
}

/** One entry of an admin's allow-list: a host name as URLs spell it, or addresses (one, or a CIDR range); any port unless given. */
export type AllowEntry = ({ host: string } | { addresses: BlockList }) & { port?: number };

const familyOf = (ip: string) => (isIPv4(ip) ? 'ipv4' : 'ipv6');

function range(network: string, prefix: number): BlockList {
  const addresses = new BlockList();
  addresses.addSubnet(network, prefix, familyOf(network));
  return addresses;
}

/** `host` as a URL spells it (lower case, punycode, `2130706433` as 127.0.0.1, IPv6 without brackets). */
function urlHostname(host: string): string | undefined {
  const url = `http://${host}/`;
  return URL.canParse(url) ? bare(new URL(url).hostname) || undefined : undefined;
}

const CIDR = /^(?<network>[^/]+)\/(?<prefix>\d{1,3})$/;
const HOST_PORT = /^(?<host>\[[\da-f:.]+\]|[^\s:/\\@?#[\]]+)(?::(?<port>\d{1,5}))?$/i;

/** `host[:port]`, `[v6]:port`, a bare IPv6 address or a CIDR range (`10.8.0.0/16`, `fd00::/8`); undefined when it is none. */
export function parseAllowEntry(text: string): AllowEntry | undefined {
  const cidr = CIDR.exec(text)?.groups;
  if (cidr) {
    const family = isIP(cidr.network!);
    const prefix = Number(cidr.prefix);
    return family && prefix <= (family === 4 ? 32 : 128) ? { addresses: range(cidr.network!, prefix) } : undefined;
  }
  // A bare IPv6 address has no port: brackets let it have one.
  const { host, port } = (isIPv6(text) ? { host: `[${text}]` } : HOST_PORT.exec(text)?.groups) ?? {};
  const hostname = host === undefined ? undefined : urlHostname(host);
  if (hostname === undefined || (port !== undefined && !(Number(port) >= 1 && Number(port) <= 65535))) return undefined;
  const portPart = port === undefined ? {} : { port: Number(port) };
  if (!isIP(hostname)) return { host: hostname, ...portPart };
  return { addresses: range(hostname, isIPv4(hostname) ? 32 : 128), ...portPart };
}

/** Where a request goes: the URL's host name (without brackets) and port, and the address it connects to. */
export interface OutboundTarget {
  hostname: string;
  port: number;
  address: string;
}

/** May a request go to `target.address`: not refused, or allowed by one of `allowList`'s entries. */
export function mayConnect(target: OutboundTarget, allowList: readonly AllowEntry[]): boolean {
  if (!isRefusedAddress(target.address)) return true;
  const ip = bare(target.address);
  return allowList.some((entry) => (entry.port === undefined || entry.port === target.port)
    && ('host' in entry ? entry.host === target.hostname : isIP(ip) > 0 && entry.addresses.check(ip, familyOf(ip))));
}

export type Lookup = (hostname: string, options: { all: true; verbatim: true }) => Promise<{ address: string; family: number }[]>;

/**
 * Resolves `url`'s host (every address it has) and picks the first a request may connect to; null when
 * every one is refused. Connect to the address returned, not to the name again: a second answer could differ.
 * A name that does not resolve throws as `lookup` does.
 */
export async function outboundAddress(url: URL, allowList: readonly AllowEntry[], lookup: Lookup = dnsLookup):
  Promise<{ address: string; family: number } | null> {
  const hostname = bare(url.hostname);
  const port = Number(url.port || (url.protocol === 'https:' ? 443 : 80));
  const addresses = await lookup(hostname, { all: true, verbatim: true });
  return addresses.find(({ address }) => mayConnect({ hostname, port, address }, allowList)) ?? null;
}
