import { readFileSync } from 'node:fs';
import path from 'node:path';
import { common, peer } from '@hyperledger/fabric-protos';
import { AuditError } from './audit-error';
import type { BlockSource } from './block-source';
import { decodeBlock, decodeIdentity } from './fabric-block';
import { decodeEnvelope } from './fabric-envelope';
import { LedgerAuditor, type AuditProgress } from './ledger-auditor';
import { MemoryBlockSource } from './memory-block-source';
import type { ReferralStoreReader } from './referral-store-reader';
import { referralWritesOf } from './referral-writes';
import type { StoreRow } from './store-comparison';

const raw = (n: number): Uint8Array => new Uint8Array(readFileSync(path.join(__dirname, 'test-fixtures', `block-${n}.pb`)));
const summary = JSON.parse(readFileSync(path.join(__dirname, 'test-fixtures', 'clinical-summary-CCT-1795630944-4.json'), 'utf8')) as unknown;
const RUN = [55, 56, 57, 58];

function source(overrides: Record<number, Uint8Array> = {}, numbers = [12, 54, ...RUN]): MemoryBlockSource {
  return new MemoryBlockSource({ channel: 'referrals', blocks: new Map(numbers.map((n) => [n, overrides[n] ?? raw(n)])) });
}

/** Store rows exactly as a correct projector writes them for the given blocks. */
function projectedRows(numbers = RUN): StoreRow[] {
  const rows = new Map<string, StoreRow>();
  for (const n of numbers) {
    decodeBlock(raw(n)).data.forEach((data, txIndex) => {
      const envelope = decodeEnvelope(data);
      for (const write of referralWritesOf(envelope.actions)) {
        if (write.value !== null) {
          rows.set(write.referralId, { _id: write.referralId, ...structuredClone(write.value), isFastTrack: false, ledger: { blockNumber: n, txIndex, txId: envelope.txId } });
        }
      }
    });
  }
  return [...rows.values()];
}

function fakeStore(rows: () => StoreRow[]): ReferralStoreReader {
  return {
    forEachRow: (visit) => {
      rows().forEach(visit);
      return Promise.resolve();
    },
    rowsById: (ids) => Promise.resolve(rows().filter((row) => ids.includes(String(row._id)))),
  };
}

/** Re-encodes block `n` after changing it. */
function tamperBlock(n: number, change: (block: common.Block) => void): Uint8Array {
  const block = common.Block.deserializeBinary(raw(n));
  change(block);
  return block.serializeBinary();
}

/** Re-encodes the endorsements of the first transaction of block `n`. */
function tamperEndorsements(n: number, change: (endorsements: peer.Endorsement[]) => peer.Endorsement[]): Uint8Array {
  return tamperBlock(n, (block) => {
    const data = block.getData();
    const first = data?.getDataList_asU8()[0];
    if (data === undefined || first === undefined) throw new Error('empty block');
    const envelope = common.Envelope.deserializeBinary(first);
    const payload = common.Payload.deserializeBinary(envelope.getPayload_asU8());
    const transaction = peer.Transaction.deserializeBinary(payload.getData_asU8());
    const [action] = transaction.getActionsList();
    if (action === undefined) throw new Error('no action');
    const actionPayload = peer.ChaincodeActionPayload.deserializeBinary(action.getPayload_asU8());
    const endorsed = actionPayload.getAction();
    if (endorsed === undefined) throw new Error('no endorsed action');
    endorsed.setEndorsementsList(change(endorsed.getEndorsementsList()));
    actionPayload.setAction(endorsed);
    action.setPayload(actionPayload.serializeBinary());
    transaction.setActionsList([action]);
    payload.setData(transaction.serializeBinary());
    envelope.setPayload(payload.serializeBinary());
    data.setDataList([envelope.serializeBinary()]);
  });
}

const codes = (problems: readonly { code: string; blockNumber?: number }[]): string[] => problems.map((p) => `${p.code}@${p.blockNumber ?? '-'}`);

describe('LedgerAuditor on real blocks', () => {
  it('passes an intact chain with its store and clinical document', async () => {
    const progress: AuditProgress[] = [];
    const auditor = new LedgerAuditor({ blocks: source(), store: fakeStore(() => projectedRows()), storeSettleMs: 0, onProgress: (p) => progress.push(p) });
    const report = await auditor.run({ fromBlock: 55, documents: [{ referralId: 'CCT-1795630944-4', document: summary }] });
    expect(report).toMatchObject({ ok: true, channel: 'referrals', fromBlock: 55, toBlock: 58, chainHeight: 59, checkedBlocks: 4, checkedTransactions: 4 });
    expect(report.checks.chain).toMatchObject({ ok: true, checked: 4 });
    expect(report.checks.signatures).toMatchObject({ ok: true, checked: 4 });
    expect(report.checks.endorsements).toMatchObject({ ok: true, checked: 4 });
    expect(report.checks.documents).toMatchObject({ ok: true, checked: 1 });
    expect(report.checks.store).toMatchObject({ ok: true, checked: 4 });
    expect(progress.map((p) => p.blockNumber)).toEqual(RUN);
  });

  it('detects a flipped byte in the data of a block', async () => {
    const tampered = tamperBlock(56, (block) => {
      const data = block.getData();
      const entry = Buffer.from(data?.getDataList_asU8()[0] ?? new Uint8Array(0));
      const at = entry.indexOf('family declined');
      expect(at).toBeGreaterThan(0);
      entry[at] = 'F'.charCodeAt(0);
      data?.setDataList([entry]);
    });
    const report = await new LedgerAuditor({ blocks: source({ 56: tampered }), storeSettleMs: 0 }).run({ fromBlock: 55 });
    expect(report.ok).toBe(false);
    expect(codes(report.checks.chain.problems)).toEqual(['DATA_HASH_MISMATCH@56']);
    expect(codes(report.checks.signatures.problems)).toEqual(['CREATOR_SIGNATURE_INVALID@56']);
  });

  it('detects an altered previous hash: the block, its orderer signature and the link of the next block', async () => {
    const tampered = tamperBlock(57, (block) => {
      const hash = Buffer.from(block.getHeader()?.getPreviousHash_asU8() ?? new Uint8Array(0));
      hash[0] = (hash[0] ?? 0) ^ 0xff;
      block.getHeader()?.setPreviousHash(hash);
    });
    const report = await new LedgerAuditor({ blocks: source({ 57: tampered }) }).run({ fromBlock: 55 });
    expect(codes(report.checks.chain.problems)).toEqual(['PREVIOUS_HASH_MISMATCH@57', 'BLOCK_SIGNATURE_INVALID@57', 'PREVIOUS_HASH_MISMATCH@58']);
    expect(report.checks.signatures.ok && report.checks.endorsements.ok).toBe(true);
  });

  it('detects a forged endorsement signature', async () => {
    const tampered = tamperEndorsements(57, (endorsements) =>
      endorsements.map((endorsement) => {
        const signature = Buffer.from(endorsement.getSignature_asU8());
        signature[10] = (signature[10] ?? 0) ^ 0x01;
        endorsement.setSignature(signature);
        return endorsement;
      }),
    );
    const report = await new LedgerAuditor({ blocks: source({ 57: tampered }) }).run({ fromBlock: 55 });
    expect(codes(report.checks.endorsements.problems)).toEqual([
      'ENDORSEMENT_SIGNATURE_INVALID@57',
      'ENDORSEMENT_SIGNATURE_INVALID@57',
      'ENDORSEMENT_MISSING@57',
      'ENDORSEMENT_MISSING@57',
    ]);
    expect(codes(report.checks.chain.problems)).toEqual(['DATA_HASH_MISMATCH@57']);
  });

  it("detects a transaction without the receiver's endorsement and names the referral and organisation", async () => {
    const tampered = tamperEndorsements(57, (endorsements) =>
      endorsements.filter((e) => decodeIdentity(e.getEndorser_asU8()).mspId !== 'BuddhasothornMSP'),
    );
    const report = await new LedgerAuditor({ blocks: source({ 57: tampered }) }).run({ fromBlock: 55 });
    expect(report.checks.endorsements.problems).toEqual([
      expect.objectContaining({ code: 'ENDORSEMENT_MISSING', blockNumber: 57, referralId: 'CCT-1795630944-4', mspId: 'BuddhasothornMSP', field: 'toMsp' }),
    ]);
  });

  it('skips a transaction the peers marked invalid and still checks its block', async () => {
    const report = await new LedgerAuditor({ blocks: source({}, [12, 35, 36]) }).run({ fromBlock: 36 });
    expect(report).toMatchObject({ ok: true, checkedBlocks: 1, checkedTransactions: 0, skippedTransactions: { invalid: 1, other: 0 } });
    expect(report.checks.chain.checked).toBe(1);
  });

  it('names the altered field, the missing row and the extra row of the store', async () => {
    const rows = (): StoreRow[] => {
      const all = projectedRows().filter((row) => row._id !== 'CCT-1795630944-3');
      const altered = all.find((row) => row._id === 'CCT-1795630944-4');
      if (altered !== undefined) (altered as Record<string, unknown>).priority = 1;
      const extra = { _id: 'R-not-on-ledger', id: 'R-not-on-ledger', status: 'requested', ledger: { blockNumber: 56, txIndex: 0, txId: 'x' } };
      const older = { _id: 'R-older', id: 'R-older', status: 'requested', ledger: { blockNumber: 20, txIndex: 0, txId: 'y' } };
      return [...all, extra, older];
    };
    const report = await new LedgerAuditor({ blocks: source(), store: fakeStore(rows), storeSettleMs: 0 }).run({ fromBlock: 55 });
    expect(report.checks.store.notes).toEqual(['1 store rows last written before block 55 were not compared (outside the audited blocks)']);
    expect(report.checks.store.problems.map((p) => [p.code, p.referralId, p.field, p.ledger, p.store])).toEqual([
      ['STORE_ROW_MISSING', 'CCT-1795630944-3', undefined, undefined, undefined],
      ['STORE_FIELD_MISMATCH', 'CCT-1795630944-4', 'priority', 2, 1],
      ['STORE_ROW_EXTRA', 'R-not-on-ledger', undefined, undefined, undefined],
    ]);
  });

  it('waits for a projector that is only behind the ledger', async () => {
    let reads = 0;
    const rows = (): StoreRow[] => {
      reads += 1;
      return reads === 1 ? projectedRows([55, 56, 57]) : projectedRows();
    };
    const report = await new LedgerAuditor({ blocks: source(), store: fakeStore(rows), storeSettleMs: 2000 }).run({ fromBlock: 55 });
    expect(report.checks.store).toMatchObject({ ok: true, checked: 4 });
    expect(reads).toBeGreaterThan(1);
  });

  it('continues to the new tip when the store already holds newer versions', async () => {
    const blocks = new Map([12, 54, ...RUN].map((n) => [n, raw(n)]));
    let height = 58;
    const growing: BlockSource = {
      channel: 'referrals',
      chainInfo: async () => {
        const info = await new MemoryBlockSource({ channel: 'referrals', blocks: new Map([...blocks].filter(([n]) => n < height)) }).chainInfo();
        height = 59;
        return info;
      },
      block: (n) => (n < height ? Promise.resolve(blocks.get(n) ?? new Uint8Array(0)) : Promise.reject(new Error('not yet'))),
    };
    const report = await new LedgerAuditor({ blocks: growing, store: fakeStore(() => projectedRows()), storeSettleMs: 0 }).run({ fromBlock: 55 });
    expect(report).toMatchObject({ ok: true, toBlock: 58, chainHeight: 59, checkedBlocks: 4 });
  });

  it('reports an unreadable store as a failed store check', async () => {
    const broken: ReferralStoreReader = { forEachRow: () => Promise.reject(new Error('connection refused')), rowsById: () => Promise.resolve([]) };
    const report = await new LedgerAuditor({ blocks: source(), store: broken }).run({ fromBlock: 55 });
    expect(report.checks.store.problems.map((p) => p.code)).toEqual(['STORE_UNAVAILABLE']);
    expect(report.ok).toBe(false);
  });

  it('skips the store check for a range that ends before the tip', async () => {
    const report = await new LedgerAuditor({ blocks: source(), store: fakeStore(() => []) }).run({ fromBlock: 55, toBlock: 56 });
    expect(report.checks.store.skipped).toMatch(/before the chain tip/);
    expect(report.ok).toBe(true);
  });

  it('refuses a range outside the chain and reports an unreachable peer', async () => {
    await expect(new LedgerAuditor({ blocks: source() }).run({ fromBlock: 55, toBlock: 99 })).rejects.toMatchObject({ code: 'AUDIT_RANGE' });
    await expect(new LedgerAuditor({ blocks: source() }).run({ fromBlock: 57, toBlock: 56 })).rejects.toBeInstanceOf(AuditError);
    const down: BlockSource = { channel: 'referrals', chainInfo: () => Promise.reject(new Error('UNAVAILABLE')), block: () => Promise.reject(new Error('x')) };
    await expect(new LedgerAuditor({ blocks: down }).run()).rejects.toMatchObject({ code: 'LEDGER_UNAVAILABLE' });
  });
});
