import { ApiError } from '../http/api-error';
import { isDuplicateKeyError, storeUnavailable } from './mongo-errors';

describe('mongo errors', () => {
  it('reports a failed store read as 503 STORE_UNAVAILABLE, not a ledger problem', () => {
    const err = storeUnavailable(new Error('connect ECONNREFUSED 127.0.0.1:27017'));
    expect(err.code).toBe('STORE_UNAVAILABLE');
    expect(err.status).toBe(503);
  });

  it('passes API errors through', () => {
    const original = new ApiError('VALIDATION_FAILED', 'bad page');
    expect(storeUnavailable(original)).toBe(original);
  });

  it('recognises only E11000 as a duplicate key', () => {
    expect(isDuplicateKeyError({ code: 11000 })).toBe(true);
    expect(isDuplicateKeyError({ code: 11001 })).toBe(false);
    expect(isDuplicateKeyError(null)).toBe(false);
  });
});
