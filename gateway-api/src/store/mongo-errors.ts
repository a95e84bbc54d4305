import { ApiError } from '../http/api-error';

/** True for a MongoDB duplicate-key error (E11000). */
export function isDuplicateKeyError(err: unknown): boolean {
  return typeof err === 'object' && err !== null && (err as { code?: unknown }).code === 11000;
}

/** Wraps a failed store read as a 503 for the API. */
export function storeUnavailable(err: unknown): ApiError {
  if (err instanceof ApiError) return err;
  return new ApiError('STORE_UNAVAILABLE', 'the referral query store is unavailable; try again', undefined, { cause: err });
}
