import type { StaffIdentity } from './staff-identity';

/** Arguments of one transaction proposal. */
export interface ProposalOptions {
  /** String arguments, in order (JSON payloads are passed as one JSON string). */
  readonly arguments?: readonly string[];
  /** Private inputs (never written to the channel): go to private data collections. */
  readonly transientData?: Readonly<Record<string, Uint8Array | string>>;
}

/** A read: optionally answered by a peer of one of these organisations (default: the caller's own peer). */
export interface EvaluateOptions extends ProposalOptions {
  readonly targetOrganizations?: readonly string[];
}

/** A write: who must endorse it (MSP IDs); the caller's own organisation is always included. */
export interface SubmitOptions extends ProposalOptions {
  readonly endorsingOrganizations?: readonly string[];
}

/** A committed write: the chaincode's answer and where it landed. */
export interface Submitted {
  readonly result: Uint8Array;
  readonly transactionId: string;
  readonly blockNumber: bigint;
}

/**
 * One chaincode contract as seen by one staff member: every submit is signed with that person's own X.509
 * identity and goes through their own organisation's peer (Fabric Gateway service). Failures reach callers as
 * ApiError with a stable code (chaincode codes are kept; LEDGER_CONFLICT, PEER_UNAVAILABLE, LEDGER_UNAVAILABLE).
 */
export interface LedgerContract {
  submit(transactionName: string, options?: SubmitOptions): Promise<Submitted>;
  evaluate(transactionName: string, options?: EvaluateOptions): Promise<Uint8Array>;
}

/** Gives a staff member their view of a contract of the chaincode (e.g. 'ReferralContract', 'PharmacyContract'). */
export interface LedgerAccess {
  contractFor(staff: StaffIdentity, contractName?: string, retry?: Readonly<{ attempts: number; initialDelayMs: number; maxDelayMs: number }>): Promise<LedgerContract>;
}

/** Parses a chaincode answer (UTF-8 JSON) into `unknown`, for a schema to narrow. */
export function jsonOf(bytes: Uint8Array): unknown {
  return JSON.parse(Buffer.from(bytes).toString('utf8')) as unknown;
}
