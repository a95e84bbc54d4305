import { CheckCollector, type AuditReport } from './audit-report';
import { formatAuditReport, problemLine } from './audit-report-text';

function report(storeProblem: boolean): AuditReport {
  const store = new CheckCollector();
  store.checked(3);
  if (storeProblem) {
    store.problem({ code: 'STORE_FIELD_MISMATCH', message: 'referral R-1: status is "rejected" in the store but "accepted" on the ledger', referralId: 'R-1', field: 'status', blockNumber: 40, txId: 'b'.repeat(64), ledger: 'accepted', store: 'rejected' });
  }
  const ok = (checked: number) => ({ ok: true, checked, problems: [] });
  return {
    ok: !storeProblem,
    channel: 'referrals',
    fromBlock: 0,
    toBlock: 58,
    chainHeight: 59,
    checkedBlocks: 59,
    checkedTransactions: 39,
    skippedTransactions: { invalid: 3, other: 26 },
    durationMs: 412,
    checks: { chain: ok(59), signatures: ok(39), endorsements: ok(39), documents: ok(0), store: store.result() },
  };
}

describe('audit report as text', () => {
  it('has one line per check with ✓ and a passing verdict', () => {
    const lines = formatAuditReport(report(false)).split('\n');
    expect(lines[0]).toMatch(/^Ledger audit of channel referrals, blocks 0\.\.58 \(height 59\): 59 blocks, 39 referral transactions/);
    expect(lines.slice(1, 6).map((line) => line.slice(0, 14))).toEqual(['✓ chain       ', '✓ signatures  ', '✓ endorsements', '✓ documents   ', '✓ store       ']);
    expect(lines.at(-1)).toBe('✓ All checks passed.');
  });

  it('marks the failing check with ✗ and lists each problem with where it is and both values', () => {
    const text = formatAuditReport(report(true));
    expect(text).toContain('✗ store        3 referrals compared between the ledger and the query store — 1 problem');
    expect(text).toContain(`  ✗ STORE_FIELD_MISMATCH [block 40, tx bbbbbbbbbbbb, referral R-1, field status]: referral R-1: status is "rejected" in the store but "accepted" on the ledger (ledger=accepted, store=rejected)`);
    expect(text.split('\n').at(-1)).toBe('✗ Audit FAILED.');
  });

  it('shortens long values', () => {
    expect(problemLine({ code: 'X', message: 'm', ledger: 'a'.repeat(200) })).toBe(`X: m (ledger=${'a'.repeat(77)}...)`);
  });
});
