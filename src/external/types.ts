/**
 * The outbound (external) link check as the core sees it: a stage injected
 * by the host, so that the core never touches the network.
 */

/** Where one external URL ended up. */
export type ExternalStatus =
  | { state: 'ok'; status: number; cached?: boolean; ids?: ReadonlySet<string> }
  | { state: 'broken'; status?: number; reason: string }
  | { state: 'redirected'; status: number; location: string }
  | { state: 'unverifiable'; status?: number; reason: string }
  | { state: 'excluded'; reason: string };

/** One URL to check, with whether a fragment on it must be verified. */
export interface ExternalRequest {
  /** Absolute URL without fragment. */
  url: string;
  /** Fragments linked on that URL (need a GET and the page's ids). */
  fragments: readonly string[];
}

/** Results of the outbound check. */
export interface ExternalResults {
  /** False when the check did not run (offline, no network): no findings are made. */
  checked: boolean;
  /** Why it did not run, or a note on how it ran. */
  reason?: string;
  /** Status per URL (without fragment). */
  statuses: ReadonlyMap<string, ExternalStatus>;
}

/** The stage a host injects: check each URL once. */
export type ExternalChecker = (requests: readonly ExternalRequest[]) => Promise<ExternalResults>;
