import type { GatewayPool } from '../../fabric/gateway-pool';
import { ApiError } from '../../http/api-error';
import type { Principal } from '../auth/auth-token';
import { AuditError } from './audit-error';
import type { AuditReport } from './audit-report';
import { LedgerAuditor, type AuditRequest } from './ledger-auditor';
import { MongoReferralStore } from './mongo-referral-store';
import { QsccBlockSource } from './qscc-block-source';
import type { ReferralStoreReader } from './referral-store-reader';

/** What the audit route needs; tests pass a fake. */
export interface LedgerAuditService {
  verify(caller: Principal, request: AuditRequest): Promise<AuditReport>;
}

/** A store that could not be reached: every read fails, so the store check reports it. */
function unreachableStore(cause: unknown): ReferralStoreReader {
  const fail = (): Promise<never> => Promise.reject(cause instanceof Error ? cause : new Error(String(cause)));
  return { forEachRow: fail, rowsById: fail };
}

/**
 * Runs the ledger audit as the calling auditor: blocks are read through the peer with the auditor's
 * own identity, the query store is read from `storeUri`.
 */
export class AuditService implements LedgerAuditService {
  readonly #pool: GatewayPool;
  readonly #storeUri: string;

  public constructor(options: Readonly<{ pool: GatewayPool; storeUri: string }>) {
    this.#pool = options.pool;
    this.#storeUri = options.storeUri;
  }

  /**
   * @throws ApiError FORBIDDEN_ROLE for anyone but an auditor, INVALID_ARGUMENT for a block range outside
   *   the chain, LEDGER_UNAVAILABLE when the peer cannot be read
   */
  public async verify(caller: Principal, request: AuditRequest): Promise<AuditReport> {
    if (caller.role !== 'auditor') throw new ApiError('FORBIDDEN_ROLE', 'only auditors verify the ledger');
    const { network } = await this.#pool.connectionFor({ username: caller.username, mspId: caller.mspId });
    let store: MongoReferralStore | undefined;
    let reader: ReferralStoreReader;
    try {
      store = await MongoReferralStore.connect(this.#storeUri);
      reader = store;
    } catch (err) {
      reader = unreachableStore(err);
    }
    try {
      return await new LedgerAuditor({ blocks: new QsccBlockSource({ network }), store: reader }).run(request);
    } catch (err) {
      if (err instanceof AuditError) {
        throw new ApiError(err.code === 'AUDIT_RANGE' ? 'INVALID_ARGUMENT' : 'LEDGER_UNAVAILABLE', err.message, err.details, { cause: err });
      }
      throw err;
    } finally {
      await store?.close();
    }
  }
}
