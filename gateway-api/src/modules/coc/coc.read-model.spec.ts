import { referralChangesOf } from '../../fabric/events/block-changes';
import { applyCocChange, COC_CHANGES, InMemoryCocReadModel, isNewer, projectCocChanged } from './coc.read-model';
import { caseRecord, ledgerCase, ledgerVisit } from './test-support/coc-fakes';

describe('COC read model', () => {
  it('projects a CocChanged event (case and visit) and ignores an older replay', async () => {
    const model = new InMemoryCocReadModel();
    const payload = Buffer.from(JSON.stringify({ case: ledgerCase({ visitCount: 1 }), visit: ledgerVisit() }));
    await projectCocChanged(model, payload, { blockNumber: 9, txIndex: 1, txId: 't9' });
    await projectCocChanged(model, Buffer.from(JSON.stringify({ case: ledgerCase({ visitCount: 0 }) })), { blockNumber: 8, txIndex: 0, txId: 't8' });
    const cases = await model.findCases({ teamUsername: 'volunteer.03903' });
    expect(cases).toHaveLength(1);
    expect(cases[0]).toMatchObject({ visitCount: 1, ledger: { blockNumber: 9 } });
    expect(await model.findVisits({ caseIds: ['C-1'], from: '2026-11-01', to: '2026-11-30' })).toHaveLength(1);
    expect(await model.findVisits({ caseIds: ['C-1'], to: '2026-11-01' })).toHaveLength(0);
  });

  it('applies a parsed change as the block reader returns it', async () => {
    const model = new InMemoryCocReadModel();
    await applyCocChange(model, { txId: 't1', blockNumber: 3, txIndex: 0, payload: { case: ledgerCase(), visit: ledgerVisit() } });
    expect((await model.findVisits({ caseIds: ['C-1'] }))[0]?.ledger).toEqual({ blockNumber: 3, txIndex: 0, txId: 't1' });
    expect(COC_CHANGES.eventName).toBe('CocChanged');
    expect(referralChangesOf(1, {}, COC_CHANGES)).toEqual([]);
  });

  it('refuses a payload that is not a COC event', async () => {
    await expect(projectCocChanged(new InMemoryCocReadModel(), Buffer.from('{"case":{}}'), { blockNumber: 1, txIndex: 0, txId: 't' })).rejects.toThrow();
  });

  it('filters cases by district, health centre, team member and status', async () => {
    const model = new InMemoryCocReadModel();
    await model.saveCase(caseRecord({ id: 'C-1' }));
    await model.saveCase(caseRecord({ id: 'C-2', healthCentreHcode: '03904', status: 'closed' }));
    await model.saveCase(caseRecord({ id: 'C-3', districtMsp: 'BuddhasothornMSP' }));
    expect((await model.findCases({ districtMsp: 'BangKhlaMSP' })).map((c) => c.id)).toEqual(['C-1', 'C-2']);
    expect((await model.findCases({ healthCentreHcode: '03904' })).map((c) => c.id)).toEqual(['C-2']);
    expect((await model.findCases({ status: 'open', districtMsp: 'BangKhlaMSP' })).map((c) => c.id)).toEqual(['C-1']);
    expect(await model.findCases({ teamUsername: 'nobody' })).toEqual([]);
  });

  it('orders ledger positions by block then transaction', () => {
    expect(isNewer({ blockNumber: 2, txIndex: 0, txId: '' }, { blockNumber: 1, txIndex: 5, txId: '' })).toBe(true);
    expect(isNewer({ blockNumber: 2, txIndex: 1, txId: '' }, { blockNumber: 2, txIndex: 1, txId: '' })).toBe(false);
  });
});
