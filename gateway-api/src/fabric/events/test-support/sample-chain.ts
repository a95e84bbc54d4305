import type { LedgerReferral } from '../../referral-client';
import { advance, fakeBlock, fakeConfigBlock, newReferral } from './fake-blocks';

const tx = (n: number): string => n.toString(16).padStart(64, '0');

/**
 * A small channel history: config blocks, referrals created, received, accepted, rejected, an
 * invalid (MVCC) transaction, several changes in one block, thin and full event payloads.
 */
export function sampleChain(): { blockNumber: number; blockData: unknown }[] {
  const r1 = newReferral('R-1', tx(1), '2026-11-25T08:00:00.000Z');
  const r2 = newReferral('R-2', tx(2), '2026-11-25T08:01:00.000Z', { priority: 1, fastTrack: '02' });
  const r1Received = advance(r1, 'receive', 'received', tx(3), '2026-11-25T08:05:00.000Z');
  const r1Accepted = advance(r1Received, 'accept', 'accepted', tx(4), '2026-11-25T08:20:00.000Z');
  const r2Rejected = advance(r2, 'reject', 'rejected', tx(5), '2026-11-25T08:30:00.000Z', {}, { rejection: { reasonCode: '2', reasonText: 'no ICU bed' } });
  const r2Cancelled: LedgerReferral = advance(r2, 'cancel', 'cancelled', tx(6), '2026-11-25T08:30:00.500Z', { hcode: '11138', mspId: 'BangKhlaMSP', role: 'clinician' });
  const r3 = newReferral('R-3', tx(7), '2026-11-25T09:00:00.000Z', { fromHcode: '03998', toHcode: '11138', toMsp: 'BangKhlaMSP' });
  return [
    fakeConfigBlock(0),
    fakeBlock(1, [
      { txId: tx(1), referral: r1, payload: 'thin' },
      { txId: tx(2), referral: r2 },
    ]),
    fakeBlock(2, [
      { txId: tx(3), referral: r1Received },
      { txId: tx(4), referral: r1Accepted, payload: 'thin' },
    ]),
    fakeBlock(3, [
      { txId: tx(5), referral: r2Rejected },
      // same key in the same block: the peer marks it invalid (MVCC read conflict)
      { txId: tx(6), referral: r2Cancelled, valid: false },
    ]),
    fakeConfigBlock(4),
    fakeBlock(5, [{ txId: tx(7), referral: r3 }]),
  ];
}
