/** What the outbound check is given: its options, and what the host supplies. */
import type { ResolvedOptions } from '../options.js';
import type { ExternalLogger } from './progress.js';

/** The validated `external` options. */
export type ExternalOptions = ResolvedOptions['external'];

/**
 * Name resolution in the shape of `node:dns`'s `lookup`, as connections take
 * it; declared here so that the package's types need no `@types/node`.
 */
export type LookupFunction = (
  hostname: string,
  options: object,
  callback: (error: Error | null, address: string | { address: string; family: number }[], family?: number) => void,
) => void;

/** What the host gives the outbound check besides options. */
export interface ExternalHost {
  /** Project root: the default cache lives in its `node_modules/.cache/linkgraph`. Default `process.cwd()`. */
  cwd?: string | undefined;
  /** The host's cache directory (Astro's `cacheDir`), used when `external.cache.dir` is not set. */
  cacheDir?: string | undefined;
  /** Environment: `LINKGRAPH_OFFLINE`, and `${NAME}` in header values. Default `process.env`. */
  env?: Readonly<Record<string, string | undefined>> | undefined;
  /** Progress, warnings and the closing line. Default: silent. */
  log?: ExternalLogger | undefined;
  /** Least time between two progress events, in ms. Default 1000. */
  progressEvery?: number | undefined;
  /** Name resolution for connections (tests map names to loopback). Default: the system's. */
  lookup?: LookupFunction | undefined;
}
