/**
 * Admission control for outbound requests: a global limit, and per origin
 * (scheme, host and port) a limit, a minimum interval between starts and a
 * pause that rate limits impose. Each origin has its own queue, so one slow
 * or paused server never holds back the others.
 */

/** A counting semaphore with a FIFO queue. */
export class Semaphore {
  /** Permits available at once. */
  readonly limit: number;
  #active = 0;
  readonly #queue: (() => void)[] = [];

  /** @param limit permits available at once. */
  constructor(limit: number) {
    this.limit = limit;
  }

  /** Wait for a permit. */
  acquire(): Promise<void> {
    if (this.#active < this.limit) {
      this.#active++;
      return Promise.resolve();
    }
    return new Promise((resolve) => this.#queue.push(resolve));
  }

  /** Return a permit; the next waiter gets it. */
  release(): void {
    const next = this.#queue.shift();
    if (next) next();
    else this.#active--;
  }
}

/** One origin's gate: at most `limit` in flight, starts at least `interval` ms apart, none while paused. */
export class OriginGate {
  /** Requests in flight at once. */
  readonly limit: number;
  /** Minimum ms between two starts. */
  readonly interval: number;
  readonly #now: () => number;
  #active = 0;
  #nextStart = 0;
  #pausedUntil = 0;
  #timer: NodeJS.Timeout | undefined;
  readonly #queue: (() => void)[] = [];

  /**
   * @param limit requests in flight at once.
   * @param interval minimum ms between two starts.
   * @param now the clock (`Date.now`).
   */
  constructor(limit: number, interval: number, now: () => number = Date.now) {
    this.limit = limit;
    this.interval = interval;
    this.#now = now;
  }

  /** Wait for this origin's turn. */
  acquire(): Promise<void> {
    return new Promise((resolve) => {
      this.#queue.push(resolve);
      this.#pump();
    });
  }

  /** A request here finished. */
  release(): void {
    this.#active--;
    this.#pump();
  }

  /**
   * Start nothing here before `until` (ms since epoch): the server asked us to wait.
   *
   * @returns by how many ms this lengthened the pause (0 when it already lasted that long).
   */
  pause(until: number): number {
    const added = until - Math.max(this.#now(), this.#pausedUntil);
    if (until <= this.#pausedUntil) return 0;
    this.#pausedUntil = until;
    // A pending timer may fire too early now; the pump re-arms it.
    if (this.#timer) {
      clearTimeout(this.#timer);
      this.#timer = undefined;
    }
    this.#pump();
    return Math.max(0, added);
  }

  #pump(): void {
    if (this.#timer) return;
    while (this.#queue.length > 0 && this.#active < this.limit) {
      const now = this.#now();
      const at = Math.max(this.#nextStart, this.#pausedUntil);
      if (now < at) {
        this.#timer = setTimeout(() => {
          this.#timer = undefined;
          this.#pump();
        }, at - now);
        return;
      }
      this.#active++;
      this.#nextStart = now + this.interval;
      this.#queue.shift()!();
    }
  }
}
