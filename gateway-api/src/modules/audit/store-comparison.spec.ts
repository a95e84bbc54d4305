import { compareReferral, storeIsBehind, type StoreRow } from './store-comparison';
import type { LedgerVersion } from './referral-replay';

const value = {
  docType: 'referral',
  id: 'R-1',
  kind: 'referral',
  status: 'accepted',
  fromHcode: '11138',
  toHcode: '10697',
  fromMsp: 'BangKhlaMSP',
  toMsp: 'BuddhasothornMSP',
  patientPseudonym: 'c'.repeat(64),
  reasonCode: '1',
  priority: 2,
  createdAt: '2026-11-25T18:22:56.317Z',
  updatedAt: '2026-11-25T18:23:56.317Z',
  steps: [
    { action: 'create', status: 'requested', txId: 'a'.repeat(64), at: '2026-11-25T18:22:56.317Z', mspId: 'BangKhlaMSP', hcode: '11138', role: 'clinician', actor: 'clinician.bangkhla' },
    { action: 'accept', status: 'accepted', txId: 'b'.repeat(64), at: '2026-11-25T18:23:56.317Z', mspId: 'BuddhasothornMSP', hcode: '10697', role: 'nurse', actor: 'nurse.buddhasothorn', note: 'bed ready' },
  ],
};
const expected: LedgerVersion = { referralId: 'R-1', value, blockNumber: 40, txIndex: 0, txId: 'b'.repeat(64) };
const row = (changes: Record<string, unknown> = {}): StoreRow => ({
  _id: 'R-1',
  ...structuredClone(value),
  isFastTrack: false,
  ledger: { blockNumber: 40, txIndex: 0, txId: 'b'.repeat(64) },
  ...changes,
});

describe('store comparison', () => {
  it('finds nothing when the row holds the ledger version (projector additions ignored)', () => {
    expect(compareReferral('R-1', expected, row())).toEqual([]);
  });

  it('names the referral and the altered field with both values', () => {
    expect(compareReferral('R-1', expected, row({ status: 'rejected' }))).toEqual([
      expect.objectContaining({ code: 'STORE_FIELD_MISMATCH', referralId: 'R-1', field: 'status', ledger: 'accepted', store: 'rejected' }),
    ]);
  });

  it('names a nested field inside a step', () => {
    const steps = structuredClone(value.steps);
    (steps[1] as { note: string }).note = 'no bed';
    expect(compareReferral('R-1', expected, row({ steps })).map((p) => [p.field, p.ledger, p.store])).toEqual([['steps.1.note', 'bed ready', 'no bed']]);
  });

  it('reports a public field the store has and the ledger does not, and one it lost', () => {
    const { priority: _dropped, ...withoutPriority } = row({ clinicalSummaryHash: 'f'.repeat(64) });
    const problems = compareReferral('R-1', expected, withoutPriority as StoreRow);
    expect(problems.map((p) => [p.field, p.ledger, p.store])).toEqual([
      ['clinicalSummaryHash', null, 'f'.repeat(64)],
      ['priority', 2, null],
    ]);
  });

  it('reports a row recording another ledger position', () => {
    expect(compareReferral('R-1', expected, row({ ledger: { blockNumber: 40, txIndex: 0, txId: 'c'.repeat(64) } })).map((p) => p.field)).toEqual(['ledger.txId']);
  });

  it('reports missing and extra rows', () => {
    expect(compareReferral('R-1', expected, undefined)).toEqual([expect.objectContaining({ code: 'STORE_ROW_MISSING', referralId: 'R-1', blockNumber: 40 })]);
    expect(compareReferral('R-9', undefined, row({ _id: 'R-9', id: 'R-9' }))).toEqual([expect.objectContaining({ code: 'STORE_ROW_EXTRA', referralId: 'R-9' })]);
    expect(compareReferral('R-0', undefined, undefined)).toEqual([]);
  });

  it('accepts a Date in the store for an ISO timestamp on the ledger, and the default kind', () => {
    const { kind: _kind, ...noKind } = value;
    const old: LedgerVersion = { ...expected, value: noKind };
    expect(compareReferral('R-1', old, row({ createdAt: new Date(value.createdAt) }))).toEqual([]);
  });

  it('tells a store that is only behind the ledger from one that was altered', () => {
    expect(storeIsBehind(expected, undefined)).toBe(true);
    expect(storeIsBehind(expected, row({ ledger: { blockNumber: 39, txIndex: 3, txId: 'x' } }))).toBe(true);
    expect(storeIsBehind(expected, row({ status: 'rejected' }))).toBe(false);
  });
});
