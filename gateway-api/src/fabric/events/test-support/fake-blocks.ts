import type { LedgerReferral, LedgerStep } from '../../referral-client';

/** How a fake transaction carries its referral. */
export type PayloadStyle = 'full' | 'thin';

/** One transaction of a fake block. */
export interface FakeTx {
  readonly txId: string;
  /** The referral as the transaction left it. */
  readonly referral: LedgerReferral;
  readonly valid?: boolean;
  /** `full` = contract payload (whole referral JSON); `thin` = {id, status, txId} of the first chaincode. */
  readonly payload?: PayloadStyle;
  /** Whether the write set holds the referral record (default true). */
  readonly writeSet?: boolean;
  readonly chaincode?: string;
}

const bytes = (value: unknown): Buffer => Buffer.from(JSON.stringify(value), 'utf8');
const referralKey = (id: string): string => `\u0000referral\u0000${id}\u0000`;

/** A full block in the decoded shape of block-shape.ts, holding `txs` in order. */
export function fakeBlock(blockNumber: number, txs: readonly FakeTx[]): { blockNumber: number; blockData: unknown } {
  const envelopes = txs.map((tx) => {
    const chaincode = tx.chaincode ?? 'referral';
    const payload = tx.payload === 'thin' ? { id: tx.referral.id, status: tx.referral.status, txId: tx.txId } : tx.referral;
    const writes =
      tx.writeSet === false
        ? []
        : [
            { key: referralKey(tx.referral.id), is_delete: false, value: bytes(tx.referral) },
            { key: `\u0000referral~to\u0000${tx.referral.toHcode}\u0000${tx.referral.id}\u0000`, is_delete: false, value: bytes({ id: tx.referral.id }) },
          ];
    return {
      payload: {
        header: { channel_header: { type: 3, tx_id: tx.txId, timestamp: tx.referral.updatedAt } },
        data: {
          actions: [
            {
              payload: {
                action: {
                  proposal_response_payload: {
                    extension: {
                      results: { data_model: 0, ns_rwset: [{ namespace: '_lifecycle', rwset: { writes: [] } }, { namespace: chaincode, rwset: { writes } }] },
                      events: { chaincode_id: chaincode, tx_id: tx.txId, event_name: 'ReferralChanged', payload: bytes(payload) },
                      chaincode_id: { name: chaincode },
                    },
                  },
                },
              },
            },
          ],
        },
      },
    };
  });
  const codes = Buffer.from(txs.map((tx) => (tx.valid === false ? 11 : 0)));
  return { blockNumber, blockData: { header: { number: blockNumber }, data: { data: envelopes }, metadata: { metadata: [Buffer.alloc(0), Buffer.alloc(0), codes] } } };
}

/** A config block (no endorser transactions). */
export function fakeConfigBlock(blockNumber: number): { blockNumber: number; blockData: unknown } {
  return {
    blockNumber,
    blockData: {
      header: { number: blockNumber },
      data: { data: [{ payload: { header: { channel_header: { type: 1, tx_id: '', timestamp: '2026-11-25T00:00:00.000Z' } }, data: {} } }] },
      metadata: { metadata: [Buffer.alloc(0), Buffer.alloc(0), Buffer.from([0])] },
    },
  };
}

/** A new referral, as CreateReferral leaves it. */
export function newReferral(id: string, txId: string, at: string, overrides: Partial<LedgerReferral> = {}): LedgerReferral {
  const step: LedgerStep = { action: 'create', status: 'requested', txId, at, mspId: 'BangKhlaMSP', hcode: '11138', role: 'clinician', actor: 'clinician.bangkhla' };
  return {
    docType: 'referral',
    id,
    kind: 'referral',
    status: 'requested',
    fromHcode: '11138',
    toHcode: '10697',
    fromMsp: 'BangKhlaMSP',
    toMsp: 'BuddhasothornMSP',
    patientPseudonym: 'p'.repeat(64),
    reasonCode: '1',
    priority: 3,
    createdAt: at,
    updatedAt: at,
    steps: [step],
    ...overrides,
  };
}

/** The referral after one more step by the receiving unit (or `by`). */
export function advance(
  referral: LedgerReferral,
  action: string,
  status: string,
  txId: string,
  at: string,
  by: Partial<LedgerStep> = {},
  extra: Partial<LedgerReferral> = {},
): LedgerReferral {
  const step: LedgerStep = { action, status, txId, at, mspId: referral.toMsp, hcode: referral.toHcode, role: 'nurse', actor: 'nurse', ...by };
  return { ...referral, ...extra, status, updatedAt: at, steps: [...referral.steps, step] };
}
