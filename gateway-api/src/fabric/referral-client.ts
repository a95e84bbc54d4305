import { z } from 'zod';
import type { UserConnection } from './gateway-pool';
import { toApiError } from './ledger-error';

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

/** Result of a committed write: the new state and where it landed. */
export interface Committed<T> {
  readonly value: T;
  readonly txId: string;
}

function parse<T extends z.ZodType>(schema: T, bytes: Uint8Array): z.infer<T> {
  return schema.parse(JSON.parse(Buffer.from(bytes).toString('utf8')) as unknown);
}

/** Typed client of the referral chaincode, used as one staff member. */
export class ReferralClient {
  readonly #connection: UserConnection;

  public constructor(connection: UserConnection) {
    this.#connection = connection;
  }

  /** Submits CreateReferral, endorsed by the sending and the receiving organisation. */
  public async create(payload: Record<string, unknown>, endorsers: readonly string[]): Promise<Committed<LedgerReferral>> {
    return this.#submit('CreateReferral', [JSON.stringify(payload)], endorsers);
  }

  public async accept(id: string, note: string, endorsers: readonly string[]): Promise<Committed<LedgerReferral>> {
    return this.#submit('AcceptReferral', [id, note], endorsers);
  }

  public async reject(id: string, reasonCode: string, reasonText: string, endorsers: readonly string[]): Promise<Committed<LedgerReferral>> {
    return this.#submit('RejectReferral', [id, reasonCode, reasonText], endorsers);
  }

  public async get(id: string): Promise<LedgerReferral> {
    return parse(ledgerReferralSchema, await this.#evaluate('GetReferral', id));
  }

  public async history(id: string): Promise<LedgerHistoryEntry[]> {
    return parse(historySchema, await this.#evaluate('GetReferralHistory', id));
  }

  async #evaluate(name: string, ...args: string[]): Promise<Buffer> {
    try {
      return await this.#connection.contract.evaluateTransaction(name, ...args);
    } catch (err) {
      throw toApiError(err);
    }
  }

  async #submit(name: string, args: string[], endorsers: readonly string[]): Promise<Committed<LedgerReferral>> {
    const tx = this.#connection.contract.createTransaction(name);
    tx.setEndorsingOrganizations(...new Set(endorsers));
    try {
      const bytes = await tx.submit(...args);
      return { value: parse(ledgerReferralSchema, bytes), txId: tx.getTransactionId() };
    } catch (err) {
      throw toApiError(err);
    }
  }
}
