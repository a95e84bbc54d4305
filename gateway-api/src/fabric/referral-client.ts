import { z } from 'zod';
import type { LedgerContract } from './ledger-contract';

const stepSchema = z.object({
  action: z.string(),
  status: z.string(),
  txId: z.string(),
  at: z.string(),
  mspId: z.string(),
  hcode: z.string(),
  role: z.string(),
  actor: z.string(),
  note: z.string().optional(),
});

/** A referral as the chaincode returns it (channel state; patient only as a pseudonym). */
export const ledgerReferralSchema = z
  .object({
    id: z.string(),
    status: z.string(),
    fromHcode: z.string(),
    toHcode: z.string(),
    fromMsp: z.string(),
    toMsp: z.string(),
    patientPseudonym: z.string(),
    reasonCode: z.string(),
    priority: z.number(),
    createdAt: z.string(),
    updatedAt: z.string(),
    steps: z.array(stepSchema),
  })
  .passthrough();
export type LedgerReferral = z.infer<typeof ledgerReferralSchema>;
export type LedgerStep = z.infer<typeof stepSchema>;

const historySchema = z.array(
  z.object({ txId: z.string(), timestamp: z.string(), isDelete: z.boolean(), value: ledgerReferralSchema.nullable() }),
);
export type LedgerHistoryEntry = z.infer<typeof historySchema>[number];

/** Lifecycle transactions that take a referral ID plus their own arguments. */
export type LifecycleTransaction =
  | 'AcceptReferral'
  | 'RejectReferral'
  | 'ReceiveReferral'
  | 'CancelReferral'
  | 'MarkArrived'
  | 'CompleteReferral'
  | 'MarkNoShow';

const clinicalSummaryRecordSchema = z.object({
  referralId: z.string(),
  clinicalSummary: z.unknown(),
  hash: z.string(),
  matchesLedger: z.boolean(),
});
export type ClinicalSummaryRecord = z.infer<typeof clinicalSummaryRecordSchema>;

/** Result of a committed write: the new state and where it landed. */
export interface Committed<T> {
  readonly value: T;
  readonly txId: string;
  readonly blockNumber: number;
}

/** How long a write waits for the other party's peer to have it (ms); past that it answers anyway. */
const PARTY_WAIT_MS = 3_000;

function parse<T extends z.ZodType>(schema: T, bytes: Uint8Array): z.infer<T> {
  return schema.parse(JSON.parse(Buffer.from(bytes).toString('utf8')) as unknown);
}

/** Typed client of the referral chaincode, used as one staff member. */
export class ReferralClient {
  readonly #contract: LedgerContract;
  readonly #ownMspId: string | undefined;

  /** `ownMspId`: the caller's organisation, whose peer gives the commit status (so it need not be asked again). */
  public constructor(contract: LedgerContract, ownMspId?: string) {
    this.#contract = contract;
    this.#ownMspId = ownMspId;
  }

  /**
   * Submits CreateReferral, endorsed by the sending and the receiving organisation. The clinical
   * summary travels only in the transient map (private data of the two organisations).
   */
  public async create(payload: Record<string, unknown>, endorsers: readonly string[], clinicalSummary?: unknown): Promise<Committed<LedgerReferral>> {
    const transient = clinicalSummary === undefined ? undefined : { clinicalSummary: JSON.stringify(clinicalSummary) };
    return this.#submit('CreateReferral', [JSON.stringify(payload)], endorsers, transient);
  }

  /** Submits one lifecycle step (ReceiveReferral, CancelReferral, MarkArrived, ...) endorsed by both parties. */
  public async step(transaction: LifecycleTransaction, args: readonly string[], endorsers: readonly string[]): Promise<Committed<LedgerReferral>> {
    return this.#submit(transaction, [...args], endorsers);
  }

  /** The private clinical summary, read from the caller's own organisation's peer. */
  public async clinicalSummary(id: string): Promise<ClinicalSummaryRecord> {
    return parse(clinicalSummaryRecordSchema, await this.#contract.evaluate('GetClinicalSummary', { arguments: [id] }));
  }

  public async get(id: string): Promise<LedgerReferral> {
    return parse(ledgerReferralSchema, await this.#contract.evaluate('GetReferral', { arguments: [id] }));
  }

  public async history(id: string): Promise<LedgerHistoryEntry[]> {
    return parse(historySchema, await this.#contract.evaluate('GetReferralHistory', { arguments: [id] }));
  }

  async #submit(name: string, args: string[], endorsers: readonly string[], transient?: Record<string, string>): Promise<Committed<LedgerReferral>> {
    const submitted = await this.#contract.submit(name, { arguments: args, endorsingOrganizations: endorsers, ...(transient === undefined ? {} : { transientData: transient }) });
    const value = parse(ledgerReferralSchema, submitted.result);
    await this.#seenByParties(value.id, submitted.transactionId, endorsers);
    return { value, txId: submitted.transactionId, blockNumber: Number(submitted.blockNumber) };
  }

  /**
   * The commit status comes from the caller's own peer. Before answering, wait (briefly) until the other party's
   * peer has committed the change too, so the receiving hospital reads what the sender was just told is done.
   * The caller's own peer is not asked: its commit status already said the block is committed there (asking it
   * cost an evaluate, i.e. a signature, a chaincode call and its JSON parse, on every write).
   */
  async #seenByParties(id: string, txId: string, endorsers: readonly string[]): Promise<void> {
    const until = Date.now() + PARTY_WAIT_MS;
    for (const org of new Set(endorsers)) {
      if (org === this.#ownMspId) continue;
      for (let delay = 50; ; delay = Math.min(delay * 2, 400)) {
        try {
          const referral = parse(ledgerReferralSchema, await this.#contract.evaluate('GetReferral', { arguments: [id], targetOrganizations: [org] }));
          if (referral.steps.some((step) => step.txId === txId)) break;
        } catch {
          // not there yet (REFERRAL_NOT_FOUND on a lagging peer), or that peer is down: the write stands anyway
        }
        if (Date.now() >= until) return;
        await new Promise((resolve) => setTimeout(resolve, delay));
      }
    }
  }
}
