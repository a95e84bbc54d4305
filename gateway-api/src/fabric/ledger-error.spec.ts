import { ApiError } from '../http/api-error';
import { toApiError } from './ledger-error';

describe('toApiError', () => {
  it('keeps the chaincode code of an endorsement failure', () => {
    const err = Object.assign(new Error('No valid responses from any peers. Errors:\n    peer=peer0.buddhasothorn.cco.th, status=500, message=REFERRAL_NOT_FOUND: referral R-1 does not exist'), {
      responses: [],
    });
    const mapped = toApiError(err);
    expect(mapped.code).toBe('REFERRAL_NOT_FOUND');
    expect(mapped.status).toBe(404);
    expect(mapped.message).toBe('referral R-1 does not exist');
  });

  it('reads the code from peer responses when the message lacks it', () => {
    const err = Object.assign(new Error('endorsement failed'), {
      responses: [{ response: { message: 'INVALID_TRANSITION: referral R-1 cannot go from accepted to accepted' } }],
    });
    expect(toApiError(err).code).toBe('INVALID_TRANSITION');
    expect(toApiError(err).status).toBe(409);
  });

  it('maps MVCC conflicts to LEDGER_CONFLICT and anything else to LEDGER_UNAVAILABLE', () => {
    expect(toApiError(Object.assign(new Error('commit failed'), { transactionCode: 'MVCC_READ_CONFLICT' })).code).toBe('LEDGER_CONFLICT');
    expect(toApiError(new Error('14 UNAVAILABLE: connection refused')).code).toBe('LEDGER_UNAVAILABLE');
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
