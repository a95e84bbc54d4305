import { ApiError } from '../http/api-error';
import { isBusinessError, toApiError } from './ledger-error';

/** Shaped like the Fabric Gateway client's EndorseError (code, details per peer). */
function endorseError(code: number, details: { address: string; mspId: string; message: string }[]): Error {
  const err = Object.assign(new Error(`${code} failed to endorse transaction, see attached details for more info`), { code, details, transactionId: 'tx1' });
  err.name = 'EndorseError';
  return err;
}

describe('toApiError', () => {
  it('keeps the chaincode code from the Gateway error details', () => {
    const err = endorseError(10, [
      { address: '127.0.0.1:7100', mspId: 'BuddhasothornMSP', message: 'chaincode response 500, REFERRAL_NOT_FOUND: referral R-1 does not exist' },
    ]);
    const mapped = toApiError(err);
    expect(mapped.code).toBe('REFERRAL_NOT_FOUND');
    expect(mapped.status).toBe(404);
    expect(mapped.message).toBe('referral R-1 does not exist');
    expect(isBusinessError(err)).toBe(true);
  });

  it('reads the code from the message when there are no details', () => {
    const err = new Error('INVALID_TRANSITION: referral R-1 cannot go from accepted to accepted');
    expect(toApiError(err).code).toBe('INVALID_TRANSITION');
    expect(toApiError(err).status).toBe(409);
  });

  it('maps anything without a chaincode code to LEDGER_UNAVAILABLE', () => {
    const unreachable = endorseError(14, [{ address: '127.0.0.1:7140', mspId: 'BanPhoMSP', message: 'connection refused' }]);
    expect(isBusinessError(unreachable)).toBe(false);
    expect(toApiError(unreachable).code).toBe('LEDGER_UNAVAILABLE');
    expect(toApiError('weird').status).toBe(503);
  });

  it('does not invent codes from unrelated capitals', () => {
    expect(toApiError(new Error('FAILED: something')).code).toBe('LEDGER_UNAVAILABLE');
  });

  it('passes ApiErrors through', () => {
    const e = new ApiError('FORBIDDEN_ROLE', 'no');
    expect(toApiError(e)).toBe(e);
  });
});
