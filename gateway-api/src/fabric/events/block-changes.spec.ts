import { referralChangesOf } from './block-changes';
import { REFERRAL_CHANGES } from './referral-projection';
import { fakeBlock, fakeConfigBlock, newReferral } from './test-support/fake-blocks';

const referral = newReferral('R-1', 'a'.repeat(64), '2026-11-25T08:00:00.000Z');

describe('referralChangesOf', () => {
  it('returns each valid ReferralChanged transaction with its position, time, payload and written record', () => {
    const { blockData } = fakeBlock(12, [
      { txId: 'a'.repeat(64), referral },
      { txId: 'b'.repeat(64), referral: { ...referral, id: 'R-2' }, payload: 'thin' },
    ]);
    const changes = referralChangesOf(12, blockData, REFERRAL_CHANGES);
    expect(changes).toHaveLength(2);
    expect(changes[0]).toMatchObject({ txId: 'a'.repeat(64), blockNumber: 12, txIndex: 0, timestamp: '2026-11-25T08:00:00.000Z', payload: referral });
    expect(changes[1]?.txIndex).toBe(1);
    expect(changes[1]?.payload).toEqual({ id: 'R-2', status: 'requested', txId: 'b'.repeat(64) });
    // only the referral record, not the referral~to index entry
    expect([...(changes[1]?.written.keys() ?? [])]).toEqual(['R-2']);
    expect(changes[1]?.written.get('R-2')).toMatchObject({ id: 'R-2', patientPseudonym: referral.patientPseudonym });
  });

  it('leaves out invalid transactions, other chaincodes and config blocks', () => {
    const { blockData } = fakeBlock(3, [
      { txId: 'a'.repeat(64), referral, valid: false },
      { txId: 'b'.repeat(64), referral, chaincode: 'other' },
      { txId: 'c'.repeat(64), referral },
    ]);
    expect(referralChangesOf(3, blockData, REFERRAL_CHANGES).map((c) => [c.txId, c.txIndex])).toEqual([['c'.repeat(64), 2]]);
    expect(referralChangesOf(0, fakeConfigBlock(0).blockData, REFERRAL_CHANGES)).toEqual([]);
  });

  it('warns and returns nothing for data that is not a full block', () => {
    const warnings: string[] = [];
    expect(referralChangesOf(4, { number: 4 }, REFERRAL_CHANGES, (w) => warnings.push(w))).toEqual([]);
    expect(warnings[0]).toMatch(/block 4: not a full block/);
  });

  it('keeps a payload that is not JSON as undefined', () => {
    const { blockData } = fakeBlock(5, [{ txId: 'a'.repeat(64), referral }]);
    const data = blockData as { data: { data: { payload: { data: { actions: { payload: { action: { proposal_response_payload: { extension: { events: { payload: Buffer } } } } } }[] } } }[] } };
    const event = data.data.data[0]?.payload.data.actions[0]?.payload.action.proposal_response_payload.extension.events;
    if (event) event.payload = Buffer.from('not json');
    expect(referralChangesOf(5, blockData, REFERRAL_CHANGES)[0]?.payload).toBeUndefined();
  });
});
