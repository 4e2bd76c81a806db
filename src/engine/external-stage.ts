/**
 * The outbound (external) link check as the core sees it: a stage injected
 * by the host, so that the core never touches the network.
 */

/** Where one external URL ended up. */
export type ExternalStatus =
  | {
      state: 'ok';
      status: number;
      /** Result taken from the cache of an earlier run. */
      cached?: boolean;
      /** The page's ids, when a fragment had to be checked and the page is HTML read whole. */
      ids?: ReadonlySet<string>;
    }
  | {
      state: 'broken';
      status?: number;
      reason: string;
      /**
       * Failing, but still within the grace period (`external.grace`): the
       * consecutive runs it failed in, and since when (ISO date).
       */
      pending?: { runs: number; since: string };
    }
  | {
      state: 'redirected';
      /** Status of the first (permanent) redirect: 301 or 308. */
      status: number;
      /** Where the permanent redirects lead: the URL to link to instead. */
      location: string;
      cached?: boolean;
      /** Ids of the final page, as for `ok`. */
      ids?: ReadonlySet<string>;
    }
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
  /** Problems of the check itself (corrupt cache, no network), carried into the result's warnings. */
  warnings?: readonly string[];
}

/** The stage a host injects: check each URL once. */
export type ExternalChecker = (requests: readonly ExternalRequest[]) => Promise<ExternalResults>;
