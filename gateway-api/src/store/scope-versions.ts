import { PROVINCE_SCOPE } from './list-buckets';

/**
 * A version number per list scope (`<unit>|incoming`, `<unit>|outgoing`, `<unit>|all`, `*`), raised whenever
 * the projector stores a referral of that scope or the counter flusher changes its counts. A read made at
 * version v of its scope is still the answer while the scope is at v: the read cache relies on that.
 * The province scope `*` moves with every change, so figures across all units are keyed on it.
 */
export class ScopeVersions {
  readonly #versions = new Map<string, number>();
  /** The current version of a scope (0 until it first changes). */
  public of(scope: string): number {
    return this.#versions.get(scope) ?? 0;
  }

  /** Every scope that has changed since the process started, with its version. */
  public entries(): IterableIterator<[string, number]> {
    return this.#versions.entries();
  }

  /** Marks the scopes (and the province) as changed. */
  public changed(scopes: Iterable<string>): void {
    for (const scope of new Set([...scopes, PROVINCE_SCOPE])) this.#versions.set(scope, this.of(scope) + 1);
  }
}
