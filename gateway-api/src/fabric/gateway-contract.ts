import { setTimeout as sleep } from 'node:timers/promises';
import type { Commit, Contract, ErrorDetail, Status, Transaction } from '@hyperledger/fabric-gateway';
import { peer } from '@hyperledger/fabric-protos';
import { ApiError } from '../http/api-error';
import type { EvaluateOptions, LedgerContract, ProposalOptions, SubmitOptions, Submitted } from './ledger-contract';
import { businessErrorOf, isBusinessError, toApiError } from './ledger-error';

/** How often, and how patiently, a phase of a transaction is retried after a transient failure. */
export interface RetryPolicy {
  /** Tries of each phase (endorse, submit) after a transient failure. */
  readonly attempts: number;
  readonly initialDelayMs: number;
  readonly maxDelayMs: number;
  /** How long the first wait for a commit status lasts before the same transaction is submitted again (ms). */
  readonly statusWaitMs?: number;
  /** How long a write may wait for its commit in all (ms). */
  readonly commitBudgetMs?: number;
  /** How many times a *_NOT_FOUND endorsement is asked again (a peer that has not caught up yet). */
  readonly lagRetries?: number;
}

export const DEFAULT_RETRY: Required<RetryPolicy> = { attempts: 8, initialDelayMs: 200, maxDelayMs: 2_000, statusWaitMs: 3_000, commitBudgetMs: 45_000, lagRetries: 3 };

/** Looks up the validation code of a committed transaction (qscc GetTransactionByID). */
export type TransactionStatusLookup = (transactionId: string) => Promise<Pick<Status, 'code' | 'successful'>>;

/** Validation codes of committed transactions (the Fabric Gateway client's StatusCode). */
const StatusCode = peer.TxValidationCode;

/** The Fabric Gateway client's errors, told apart by name (GatewayError, EndorseError, SubmitError, CommitStatusError). */
interface GatewayErrorLike extends Error {
  readonly code: number;
  readonly details: readonly ErrorDetail[];
}

function isGatewayError(err: unknown): err is GatewayErrorLike {
  return err instanceof Error && typeof (err as { code?: unknown }).code === 'number' && Array.isArray((err as { details?: unknown }).details);
}

/** gRPC status codes (@grpc/grpc-js `status`). */
const GRPC_UNAVAILABLE = 14;
const GRPC_DEADLINE_EXCEEDED = 4;

/** The caller's own peer could not be reached at all (no details from a Gateway service). */
function ownPeerUnreachable(err: unknown): boolean {
  return isGatewayError(err) && err.code === GRPC_UNAVAILABLE && err.details.length === 0;
}

/** The chaincode said a record does not exist (REFERRAL_NOT_FOUND, ...). */
function isNotFound(err: unknown): boolean {
  return businessErrorOf(err)?.code.endsWith('_NOT_FOUND') === true;
}

/** A failure that may pass: unreachable nodes, deadlines, endorsers not (yet) found. Never a chaincode answer. */
function isTransient(err: unknown): boolean {
  if (!isGatewayError(err)) return false;
  if (isBusinessError(err)) return false;
  // CANCELLED: a peer ends its commit-status waits when its block source (an orderer) goes away
  return (
    err.code === GRPC_UNAVAILABLE || err.code === GRPC_DEADLINE_EXCEEDED || err.code === 1 /* CANCELLED */ || err.code === 10 /* ABORTED */ || err.code === 13 /* INTERNAL */
  );
}

/**
 * A contract of the chaincode, as one staff member, through the Fabric Gateway client. Writes go in three
 * phases, each retried on its own after a transient failure:
 * 1. endorse (a new proposal each try: nothing has reached the orderer yet);
 * 2. submit the same signed transaction (same transaction ID: a duplicate can never commit twice);
 * 3. wait for its commit status, by transaction ID, until it is known.
 * So a lost orderer leader or a slow block costs time, not a failed or doubled request.
 */
export class GatewayContract implements LedgerContract {
  readonly #contract: Contract;
  readonly #ownMspId: string;
  readonly #peer: string;
  readonly #retry: Required<RetryPolicy>;
  readonly #statusOf: TransactionStatusLookup | undefined;

  public constructor(
    options: Readonly<{ contract: Contract; ownMspId: string; peer: string; retry?: RetryPolicy; statusOf?: TransactionStatusLookup }>,
  ) {
    this.#contract = options.contract;
    this.#ownMspId = options.ownMspId;
    this.#peer = options.peer;
    this.#retry = { ...DEFAULT_RETRY, ...options.retry };
    this.#statusOf = options.statusOf;
  }

  public async evaluate(transactionName: string, options: EvaluateOptions = {}): Promise<Uint8Array> {
    const targets = options.targetOrganizations === undefined ? {} : { endorsingOrganizations: [...options.targetOrganizations] };
    // as for writes: a peer a block behind may not know a record yet
    let lagLeft = this.#retry.lagRetries;
    return this.#withRetry(
      () => this.#contract.evaluate(transactionName, { arguments: [...(options.arguments ?? [])], transientData: transientOf(options.transientData), ...targets }),
      (err) => isTransient(err) || (isNotFound(err) && lagLeft-- > 0),
    );
  }

  public async submit(transactionName: string, options: SubmitOptions = {}): Promise<Submitted> {
    const endorsers = options.endorsingOrganizations === undefined ? undefined : [...new Set([this.#ownMspId, ...options.endorsingOrganizations])];
    // A record another organisation's peer just committed may not have reached an endorsing peer yet: a
    // *_NOT_FOUND answer is asked again for a moment (lagLeft) before it is believed.
    let lagLeft = this.#retry.lagRetries;
    const transaction: Transaction = await this.#withRetry(
      () =>
        this.#contract
          .newProposal(transactionName, {
            arguments: [...(options.arguments ?? [])],
            transientData: transientOf(options.transientData),
            ...(endorsers === undefined ? {} : { endorsingOrganizations: endorsers }),
          })
          .endorse(),
      (err) => isTransient(err) || (isNotFound(err) && lagLeft-- > 0),
    );
    const status = await this.#commit(transaction);
    if (!status.successful) {
      const code = Object.entries(StatusCode).find(([, value]) => value === status.code)?.[0] ?? String(status.code);
      // The endorsements satisfied every policy when they were collected: a policy failure at commit means a
      // transaction ordered just before changed the key's state-based policy, i.e. the record changed concurrently.
      if (
        status.code === StatusCode.MVCC_READ_CONFLICT ||
        status.code === StatusCode.PHANTOM_READ_CONFLICT ||
        status.code === StatusCode.ENDORSEMENT_POLICY_FAILURE
      ) {
        throw new ApiError('LEDGER_CONFLICT', 'the record changed concurrently; reload and try again', { transactionId: status.transactionId, validationCode: code });
      }
      throw new ApiError('LEDGER_UNAVAILABLE', `transaction ${status.transactionId} was not committed (${code})`, { transactionId: status.transactionId, validationCode: code });
    }
    return { result: transaction.getResult(), transactionId: transaction.getTransactionId(), blockNumber: status.blockNumber };
  }

  /**
   * Submits the endorsed transaction and waits for its commit status. If the status stays unknown (the orderer
   * that took it died before ordering it, or a block is slow), the same signed transaction is submitted again:
   * it can commit only once (a second copy is invalidated as DUPLICATE_TXID), so this never doubles a write.
   * A copy is sent again only when the first one is not on the caller's peer's ledger yet: a copy ordered after
   * the first one committed lands in a later block as a duplicate, and a duplicate that changed a key's
   * state-based policy stalls Fabric 3.1's validation of every later transaction on that key in its block.
   */
  async #commit(transaction: Transaction): Promise<Status> {
    const deadline = Date.now() + this.#retry.commitBudgetMs;
    let commit: Commit = await this.#withRetry(() => transaction.submit());
    for (let round = 1; ; round++) {
      try {
        const wait = Math.max(1_000, Math.min(this.#retry.statusWaitMs * round, deadline - Date.now()));
        const status = await commit.getStatus({ deadline: Date.now() + wait });
        if (status.code === StatusCode.DUPLICATE_TXID && this.#statusOf !== undefined) {
          // a resubmitted copy: the first copy's validation code is the transaction's outcome
          return { ...status, ...(await this.#statusOf(transaction.getTransactionId())) };
        }
        return status;
      } catch (err) {
        const unknown = err instanceof Error && err.name === 'CommitStatusError' && isTransient(err);
        if (!unknown) throw this.#apiError(err);
        if (Date.now() >= deadline) {
          // the outcome is unknown: the transaction ID lets a caller find out later whether it committed
          const apiError = this.#apiError(err);
          throw new ApiError(apiError.code, apiError.message, { transactionId: transaction.getTransactionId(), outcome: 'unknown' }, { cause: err });
        }
        // already committed: ask for the status of the same copy again (the peer answers from its ledger)
        if (!(await this.#onLedger(transaction.getTransactionId()))) commit = await this.#withRetry(() => transaction.submit());
      }
    }
  }

  /** Whether the caller's peer has the transaction in a committed block (qscc); false when it cannot tell. */
  async #onLedger(transactionId: string): Promise<boolean> {
    if (this.#statusOf === undefined) return false;
    try {
      await this.#statusOf(transactionId);
      return true;
    } catch {
      return false;
    }
  }

  async #withRetry<T>(work: () => Promise<T>, retryable: (err: unknown) => boolean = isTransient): Promise<T> {
    let delay = this.#retry.initialDelayMs;
    for (let attempt = 1; ; attempt++) {
      try {
        return await work();
      } catch (err) {
        if (attempt >= this.#retry.attempts || !retryable(err)) throw this.#apiError(err);
        await sleep(delay);
        delay = Math.min(delay * 2, this.#retry.maxDelayMs);
      }
    }
  }

  #apiError(err: unknown): ApiError {
    if (ownPeerUnreachable(err)) {
      return new ApiError('PEER_UNAVAILABLE', `the peer of ${this.#ownMspId} (${this.#peer}) is unavailable; try again shortly`, undefined, { cause: err });
    }
    if (isGatewayError(err) && err.name === 'EndorseError' && !isBusinessError(err)) {
      const who = [...new Set(err.details.map((d) => d.mspId).filter((m) => m !== ''))];
      const detail = err.details.map((d) => d.message).join('; ');
      return new ApiError('LEDGER_UNAVAILABLE', `endorsement failed${who.length > 0 ? ` at ${who.join(', ')}` : ''}: ${detail || err.message}`, undefined, { cause: err });
    }
    return toApiError(err);
  }
}

function transientOf(data: ProposalOptions['transientData']): Record<string, Uint8Array> | undefined {
  if (data === undefined) return undefined;
  return Object.fromEntries(Object.entries(data).map(([k, v]) => [k, typeof v === 'string' ? Buffer.from(v, 'utf8') : v]));
}
