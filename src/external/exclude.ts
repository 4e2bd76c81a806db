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

/**
 * Whether a host is a private, loopback, link-local or unique-local address
 * (or `localhost`), by its literal form; names are not resolved.
 */
export function isPrivateHost(host: string): boolean {
  const name = host.toLowerCase().replace(/^\[|\]$/g, '');
  if (name === 'localhost' || name.endsWith('.localhost')) return true;
  const v4 = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(name);
  if (v4) {
    const [a, b] = [Number(v4[1]), Number(v4[2])];
    return a === 10 || a === 127 || a === 0 || (a === 172 && b >= 16 && b <= 31) || (a === 192 && b === 168) || (a === 169 && b === 254) || (a === 100 && b >= 64 && b <= 127);
  }
  if (name.includes(':')) {
    if (name === '::1' || name === '::') return true;
    const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/.exec(name);
    if (mapped) return isPrivateHost(mapped[1]!);
    return /^f[cd][0-9a-f]{2}:/.test(name) || /^fe[89ab][0-9a-f]:/.test(name);
  }
  return false;
}
