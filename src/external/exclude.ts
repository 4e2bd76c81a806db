import type { BlockList } from 'node:net';
import picomatch from 'picomatch';

/**
 * Which external URLs are never requested: user patterns, the names RFC 2606
 * and RFC 6761 reserve for examples and tests, and private networks.
 */

/** Top-level names reserved for testing, examples and invalid names (RFC 2606, RFC 6761). */
const RESERVED_TLDS = ['test', 'example', 'invalid', 'localhost'] as const;
/** Second-level names reserved for documentation (RFC 2606). */
const RESERVED_DOMAINS = ['example.com', 'example.net', 'example.org'] as const;

/** Options of {@link createExclusion}. */
export interface ExclusionOptions {
  /** URL globs (`https://github.com/*\/edit/**`) or regular expressions. Default none. */
  patterns?: readonly (string | RegExp)[] | undefined;
  /** Skip RFC 2606 names (`example.com`, `.test`, `.example`, `.invalid`, `.localhost`). Default true. */
  reserved?: boolean | undefined;
  /** Skip loopback, private, link-local and unique-local addresses and `localhost`. Default false. */
  privateNetworks?: boolean | undefined;
}

/**
 * Make the exclusion test.
 *
 * @returns a function giving why a URL is excluded, or undefined when it must be checked.
 */
export function createExclusion(options: ExclusionOptions = {}): (url: string) => string | undefined {
  const matchers = (options.patterns ?? []).map((pattern) => {
    if (pattern instanceof RegExp) return { label: String(pattern), test: (url: string) => pattern.test(url) };
    const glob = picomatch(pattern, { dot: true, nocase: true });
    // A bare prefix (`https://github.com/org/`) also excludes everything under it.
    return { label: pattern, test: (url: string) => glob(url) || (!/[*?[{]/.test(pattern) && url.startsWith(pattern)) };
  });
  const reserved = options.reserved ?? true;
  const privateNetworks = options.privateNetworks ?? false;
  return (url) => {
    for (const matcher of matchers) if (matcher.test(url)) return `matches the exclude pattern \`${matcher.label}\``;
    let host: string;
    try {
      host = new URL(url).hostname.toLowerCase().replace(/\.$/, '');
    } catch {
      return undefined;
    }
    if (reserved && isReservedName(host)) return `\`${host}\` is a name reserved for examples and tests (RFC 2606)`;
    if (privateNetworks && isPrivateHost(host)) return `\`${host}\` is a private network address`;
    return undefined;
  };
}

/** Whether a host name is reserved by RFC 2606 / RFC 6761. */
export function isReservedName(host: string): boolean {
  const name = host.toLowerCase().replace(/\.$/, '');
  const tld = name.slice(name.lastIndexOf('.') + 1);
  if ((RESERVED_TLDS as readonly string[]).includes(tld)) return true;
  return RESERVED_DOMAINS.some((domain) => name === domain || name.endsWith(`.${domain}`));
}

let privateNetworks: { list: BlockList; isIP: (input: string) => number } | undefined;

/**
 * Loopback, private, shared (RFC 6598), link-local and unique-local
 * networks and the unspecified addresses. BlockList also matches an IPv4
 * network against the IPv4-mapped IPv6 form (`[::ffff:7f00:1]`).
 */
function privateNetworksList(): NonNullable<typeof privateNetworks> {
  if (privateNetworks) return privateNetworks;
  // node:net is loaded on first use: otherwise every start-up would pay for it, checks or not.
  const net = process.getBuiltinModule('node:net');
  const list = new net.BlockList();
  for (const [network, prefix] of [['0.0.0.0', 8], ['10.0.0.0', 8], ['100.64.0.0', 10], ['127.0.0.0', 8], ['169.254.0.0', 16], ['172.16.0.0', 12], ['192.168.0.0', 16]] as const) {
    list.addSubnet(network, prefix, 'ipv4');
  }
  for (const [network, prefix] of [['::', 128], ['::1', 128], ['fc00::', 7], ['fe80::', 10]] as const) list.addSubnet(network, prefix, 'ipv6');
  privateNetworks = { list, isIP: net.isIP };
  return privateNetworks;
}

/**
 * Whether a host is a private, loopback, link-local or unique-local address
 * (or `localhost`), by its literal form; names are not resolved.
 */
export function isPrivateHost(host: string): boolean {
  const name = host.toLowerCase().replace(/^\[|\]$/g, '');
  if (name === 'localhost' || name.endsWith('.localhost')) return true;
  const { list, isIP } = privateNetworksList();
  const family = isIP(name);
  return family !== 0 && list.check(name, family === 4 ? 'ipv4' : 'ipv6');
}
