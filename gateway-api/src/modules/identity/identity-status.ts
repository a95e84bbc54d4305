import { ApiError } from '../../http/api-error';
import type { IdentityStatus } from './identity-store';

/**
 * The gateway's in-memory view of which identities may act: every suspended, revoked or half-registered account.
 * Filled from the store at start-up and updated by every administrator action (one gateway process per
 * organisation set; a second gateway instance would reload it from the store).
 */
export class IdentityStatusRegistry {
  readonly #blocked = new Map<string, IdentityStatus>();

  public set(username: string, status: IdentityStatus): void {
    if (status === 'active') this.#blocked.delete(username);
    else this.#blocked.set(username, status);
  }

  public statusOf(username: string): IdentityStatus {
    return this.#blocked.get(username) ?? 'active';
  }

  /** @throws ApiError IDENTITY_REVOKED or IDENTITY_SUSPENDED (401) unless the identity may act. */
  public assertActive(username: string): void {
    const status = this.#blocked.get(username);
    if (status === undefined) return;
    if (status === 'revoked') throw new ApiError('IDENTITY_REVOKED', `the identity ${username} has been revoked by its organisation`);
    if (status === 'suspended') throw new ApiError('IDENTITY_SUSPENDED', `the identity ${username} is suspended by its organisation`);
    throw new ApiError('IDENTITY_SUSPENDED', `the identity ${username} is not active yet`);
  }
}
