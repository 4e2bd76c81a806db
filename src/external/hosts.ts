/**
 * What each host of a run gets: its settings from `hosts`, the limits of
 * its origins and its request headers.
 */
import { OriginGate } from './gate.js';
import type { ExternalOptions } from './external-host.js';
import { VERSION } from '../version.js';

/** Per-host settings (`hosts`), by exact name or `*.domain`. */
export function hostSettings(options: ExternalOptions, hostname: string): ExternalOptions['hosts'][string] | undefined {
  const exact = options.hosts[hostname];
  if (exact) return exact;
  for (const [pattern, value] of Object.entries(options.hosts)) {
    if (pattern.startsWith('*.') && hostname.endsWith(pattern.slice(1))) return value;
  }
  return undefined;
}

/**
 * The limits of a run, per origin: another port or scheme of one host is
 * another server, with its own quota.
 */
export class OriginGates {
  readonly #options: ExternalOptions;
  readonly #gates = new Map<string, OriginGate>();
  /** Pause that used-up quotas on successes have imposed on each origin so far, in ms. */
  readonly #quotaPauses = new Map<string, number>();

  constructor(options: ExternalOptions) {
    this.#options = options;
  }

  /** The gate of a URL's origin, made on first use with the host's own settings. */
  of(url: URL): OriginGate {
    let gate = this.#gates.get(url.origin);
    if (!gate) {
      const own = hostSettings(this.#options, url.hostname);
      gate = new OriginGate(own?.concurrency ?? this.#options.perHost, own?.interval ?? this.#options.interval);
      this.#gates.set(url.origin, gate);
    }
    return gate;
  }

  /**
   * A success that says the quota is used up holds back later requests to its
   * origin until the reset, within `maxRetryWait` over the whole run. A reset
   * further away is not waited for: waiting would not help, and the next
   * answer (a 429 or 403 asking for that wait) ends its URL at once.
   */
  holdBack(url: URL, wait: number): void {
    const { maxRetryWait } = this.#options;
    if (wait > maxRetryWait) return;
    const spent = this.#quotaPauses.get(url.origin) ?? 0;
    const allowed = Math.min(wait, maxRetryWait - spent);
    if (allowed > 0) this.#quotaPauses.set(url.origin, spent + this.of(url).pause(Date.now() + allowed));
  }

  /** Distinct host names met so far. */
  hostCount(): number {
    return new Set([...this.#gates.keys()].map((origin) => new URL(origin).hostname)).size;
  }
}

/**
 * The request headers of each host: the common ones, then `headers` and the
 * host's own, with `${NAME}` taken from the environment. A header whose
 * variable is not set is left out, with one warning per variable.
 */
export class HostHeaders {
  readonly #options: ExternalOptions;
  readonly #env: Readonly<Record<string, string | undefined>>;
  readonly #warn: (message: string) => void;
  readonly #cache = new Map<string, Record<string, string>>();
  readonly #missing = new Set<string>();

  constructor(options: ExternalOptions, env: Readonly<Record<string, string | undefined>>, warn: (message: string) => void) {
    this.#options = options;
    this.#env = env;
    this.#warn = warn;
  }

  of(hostname: string): Record<string, string> {
    const known = this.#cache.get(hostname);
    if (known) return known;
    const merged: Record<string, string> = { 'user-agent': this.#options.userAgent ?? `linkgraph/${VERSION}`, accept: 'text/html,application/xhtml+xml,*/*;q=0.8' };
    for (const [name, value] of Object.entries({ ...this.#options.headers, ...hostSettings(this.#options, hostname)?.headers })) {
      let missing: string | undefined;
      const expanded = value.replace(/\$\{([A-Za-z_][A-Za-z0-9_]*)\}/g, (_, variable: string) => {
        const found = this.#env[variable];
        if (found === undefined || found === '') missing = variable;
        return found ?? '';
      });
      if (missing === undefined) merged[name.toLowerCase()] = expanded;
      else if (!this.#missing.has(missing)) {
        // Without the token the request still goes out, as an anonymous one.
        this.#missing.add(missing);
        this.#warn(`Header \`${name}\` for \`${hostname}\` not sent: environment variable \`${missing}\` is not set`);
      }
    }
    this.#cache.set(hostname, merged);
    return merged;
  }
}
