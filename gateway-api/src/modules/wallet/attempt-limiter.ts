import { ApiError } from '../../http/api-error';

/**
 * Counts failed attempts per key (a username, a registration) in a sliding window and refuses
 * further attempts with 429 TOO_MANY_ATTEMPTS once `max` failures were seen. In memory: one gateway.
 */
export class AttemptLimiter {
  readonly #max: number;
  readonly #windowMs: number;
  readonly #now: () => number;
  readonly #failures = new Map<string, number[]>();

  public constructor(options: Readonly<{ max: number; windowMs: number; now?: () => number }>) {
    this.#max = options.max;
    this.#windowMs = options.windowMs;
    this.#now = options.now ?? Date.now;
  }

  /** @throws ApiError TOO_MANY_ATTEMPTS while `key` is locked out. */
  public check(key: string): void {
    const recent = this.#recent(key);
    if (recent.length >= this.#max) {
      const retryAfter = Math.ceil(((recent[0] ?? 0) + this.#windowMs - this.#now()) / 1000);
      throw new ApiError('TOO_MANY_ATTEMPTS', `too many failed attempts; try again in ${String(retryAfter)} s`, { retryAfterSeconds: retryAfter });
    }
  }

  public fail(key: string): void {
    this.#failures.set(key, [...this.#recent(key), this.#now()]);
  }

  public reset(key: string): void {
    this.#failures.delete(key);
  }

  #recent(key: string): number[] {
    const since = this.#now() - this.#windowMs;
    const list = (this.#failures.get(key) ?? []).filter((t) => t > since);
    if (list.length === 0) this.#failures.delete(key);
    return list;
  }
}
