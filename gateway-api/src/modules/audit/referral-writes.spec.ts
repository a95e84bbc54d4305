import type { EndorsedAction, KvWrite } from './fabric-envelope';
import { isReferralTransaction, referralIdOfKey, referralWritesOf } from './referral-writes';

const action = (writes: KvWrite[]): EndorsedAction => ({
  chaincodeProposalPayload: Buffer.alloc(0),
  proposalResponsePayload: Buffer.alloc(0),
  proposalHash: Buffer.alloc(0),
  endorsements: [],
  chaincodeName: 'referral',
  writes,
});
const write = (key: string, value: string, namespace = 'referral', isDelete = false): KvWrite => ({ namespace, key, value: Buffer.from(value), isDelete });

describe('referral writes', () => {
  it('reads the referral id of a referral record key only', () => {
    expect(referralIdOfKey('\u0000referral\u0000R-1\u0000')).toBe('R-1');
    expect(referralIdOfKey('\u0000referral~to\u000010697\u0000R-1\u0000')).toBeUndefined();
    expect(referralIdOfKey('referral-R-1')).toBeUndefined();
  });

  it('keeps record writes of the referral namespace, parsed; flags unreadable values', () => {
    const writes = referralWritesOf([
      action([
        write('\u0000referral\u0000R-1\u0000', '{"id":"R-1"}'),
        write('\u0000referral~from\u000011138\u0000R-1\u0000', '{"id":"R-1"}'),
        write('\u0000referral\u0000R-2\u0000', 'not json'),
        write('\u0000referral\u0000R-3\u0000', '', 'referral', true),
        write('\u0000referral\u0000R-4\u0000', '{"id":"R-4"}', 'other'),
      ]),
    ]);
    expect(writes).toEqual([
      { referralId: 'R-1', value: { id: 'R-1' }, isDelete: false },
      { referralId: 'R-2', value: null, isDelete: false, unreadable: 'the value is not JSON' },
      { referralId: 'R-3', value: null, isDelete: true },
    ]);
  });

  it('recognises referral transactions by chaincode or namespace', () => {
    expect(isReferralTransaction('referral', [])).toBe(true);
    expect(isReferralTransaction('_lifecycle', [{ ...action([write('k', 'v', 'referral')]), chaincodeName: '_lifecycle' }])).toBe(true);
    expect(isReferralTransaction('_lifecycle', [{ ...action([write('k', 'v', '_lifecycle')]), chaincodeName: '_lifecycle' }])).toBe(false);
  });
});
