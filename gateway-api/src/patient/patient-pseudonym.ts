import { createHmac } from 'node:crypto';
import { ApiError } from '../http/api-error';
import { isValidThaiCid } from './thai-cid';

/**
 * Turns a national ID into the keyed pseudonym that is all the ledger ever sees:
 * HMAC-SHA256 under a key held only by the gateway, so the ledger value cannot be
 * reversed or recomputed from the 13 digits alone (unlike a plain hash).
 */
export class PatientPseudonym {
  readonly #key: Buffer;

  public constructor(key: Buffer) {
    if (key.length < 32) throw new Error('pseudonym key must be at least 32 bytes');
    this.#key = key;
  }

  /** @throws ApiError INVALID_CID when the ID is malformed or its check digit is wrong. */
  public fromCid(cid: string): string {
    if (!isValidThaiCid(cid)) throw new ApiError('INVALID_CID', 'patient.cid is not a valid 13-digit Thai national ID (check digit)');
    return createHmac('sha256', this.#key).update(`th-cid:${cid}`).digest('hex');
  }
}
