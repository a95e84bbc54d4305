import { readAuditReport } from './audit-report';

describe('audit report view', () => {
  it('reads an array of checks with findings', () => {
    const view = readAuditReport({
      ok: false,
      durationMs: 120,
      checks: [
        { name: 'chain', ok: true, blocks: 42 },
        { name: 'query-store', ok: false, findings: [{ code: 'ALTERED', referralId: 'R-1', message: 'status differs' }] },
      ],
    });
    expect(view.ok).toBe(false);
    expect(view.durationMs).toBe(120);
    expect(view.checks).toEqual([
      { name: 'chain', ok: true, summary: 'blocks: 42' },
      { name: 'query-store', ok: false, summary: '' },
    ]);
    expect(view.findings).toEqual([{ text: 'ALTERED · status differs', referralId: 'R-1' }]);
    expect(view.facts).toEqual([]);
  });

  it('reads sections keyed by name and derives the verdict', () => {
    const view = readAuditReport({ report: { chain: { status: 'passed', blocks: 3 }, signatures: { valid: true } } });
    expect(view.checks.map((c) => [c.name, c.ok])).toEqual([['chain', true], ['signatures', true]]);
    expect(view.ok).toBe(true);
  });

  it('survives unknown shapes', () => {
    expect(readAuditReport(null)).toEqual({ ok: null, checks: [], findings: [], durationMs: null, facts: [] });
    expect(readAuditReport({ problems: ['block 4 hash mismatch'] }).findings).toEqual([{ text: 'block 4 hash mismatch' }]);
  });

  it('reads the gateway audit report (checks keyed by name, problems per check)', () => {
    const view = readAuditReport({
      ok: false, channel: 'referrals', fromBlock: 0, toBlock: 9, chainHeight: 10, checkedBlocks: 10, checkedTransactions: 7,
      skippedTransactions: { invalid: 0, other: 3 }, durationMs: 812,
      checks: {
        chain: { ok: true, checked: 10, problems: [] },
        signatures: { ok: true, checked: 7, problems: [] },
        endorsements: { ok: true, checked: 7, problems: [] },
        documents: { ok: true, checked: 0, problems: [], skipped: 'no documents supplied' },
        store: { ok: false, checked: 4, problems: [{ code: 'STORE_FIELD_MISMATCH', message: 'status differs', referralId: 'R-9', field: 'status', blockNumber: 8, ledger: 'accepted', store: 'rejected' }] },
      },
    });
    expect(view.ok).toBe(false);
    expect(view.durationMs).toBe(812);
    expect(view.checks.map((c) => `${c.name}:${String(c.ok)}`)).toEqual(['chain:true', 'signatures:true', 'endorsements:true', 'documents:true', 'store:false']);
    expect(view.checks[3]?.summary).toBe('checked: 0 · skipped: no documents supplied');
    expect(view.findings).toEqual([{ text: 'STORE_FIELD_MISMATCH · status differs', referralId: 'R-9', where: 'block 8 · field status' }]);
    expect(view.facts).toContainEqual(['checkedBlocks', '10']);
    expect(view.facts).toContainEqual(['channel', 'referrals']);
  });
});
