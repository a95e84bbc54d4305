import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { AuditError } from './audit-error';
import { CHECK_NAMES, CheckCollector, type AuditProblem, type AuditReport, type CheckName } from './audit-report';
import type { BlockSource } from './block-source';
import { ChainCheck } from './chain-check';
import { ChannelMsps } from './channel-msps';
import { checkRevocationLists } from './crl-check';
import { checkCreator } from './creator-check';
import { checkDocument, type DocumentToCheck } from './document-check';
import { checkEndorsements } from './endorsement-check';
import { decodeBlock, type DecodedBlock } from './fabric-block';
import { decodeEnvelope, HEADER_TYPE_CONFIG, HEADER_TYPE_ENDORSER_TRANSACTION } from './fabric-envelope';
import { ReferralReplay } from './referral-replay';
import type { ReferralStoreReader } from './referral-store-reader';
import { isReferralTransaction, referralWritesOf } from './referral-writes';
import { compareReferral, storeIsBehind, type StoreRow } from './store-comparison';

/** What to audit; everything by default. */
export interface AuditRequest {
  readonly fromBlock?: number;
  readonly toBlock?: number;
  readonly documents?: readonly DocumentToCheck[];
}

/** Progress of a running audit. */
export interface AuditProgress {
  readonly blockNumber: number;
  readonly toBlock: number;
  readonly checkedBlocks: number;
  readonly checkedTransactions: number;
}

export interface LedgerAuditorOptions {
  readonly blocks: BlockSource;
  /** The query store to compare; without it the store check is skipped. */
  readonly store?: ReferralStoreReader;
  readonly onProgress?: (progress: AuditProgress) => void;
  /** Blocks requested ahead of the one being checked (default 16). */
  readonly prefetch?: number;
  /** How long to wait for a store that is only behind the ledger (projector lag) before reporting it (default 3000 ms). */
  readonly storeSettleMs?: number;
  /** Problems listed per check before the rest are only counted (default 500). */
  readonly maxProblemsPerCheck?: number;
}

const STORE_RETRY_MS = 250;
const CATCH_UP_ROUNDS = 3;

/** Everything one run accumulates. */
class AuditRun {
  public readonly checks: Record<CheckName, CheckCollector>;
  public readonly chain: ChainCheck;
  public readonly replay = new ReferralReplay();
  public msps: ChannelMsps | undefined;
  public toBlock = -1;
  public checkedBlocks = 0;
  public checkedTransactions = 0;
  public invalid = 0;
  public other = 0;

  public constructor(limit: number) {
    this.checks = Object.fromEntries(CHECK_NAMES.map((name) => [name, new CheckCollector(limit)])) as Record<CheckName, CheckCollector>;
    this.chain = new ChainCheck(this.checks.chain);
  }
}

/**
 * Verifies the channel from its blocks alone: the hash chain and orderer signatures, the creator
 * signature and identity of every valid referral transaction, its endorsements against the
 * sender-and-receiver policy, clinical documents against their ledger hashes, and the query store
 * against the state rebuilt by replaying the referral writes.
 */
export class LedgerAuditor {
  readonly #blocks: BlockSource;
  readonly #store: ReferralStoreReader | undefined;
  readonly #onProgress: ((progress: AuditProgress) => void) | undefined;
  readonly #prefetch: number;
  readonly #settleMs: number;
  readonly #limit: number;

  public constructor(options: Readonly<LedgerAuditorOptions>) {
    this.#blocks = options.blocks;
    this.#store = options.store;
    this.#onProgress = options.onProgress;
    this.#prefetch = Math.max(1, options.prefetch ?? 16);
    this.#settleMs = options.storeSettleMs ?? 3000;
    this.#limit = options.maxProblemsPerCheck ?? 500;
  }

  /**
   * Runs the audit.
   *
   * A store that cannot be read is reported as a failed store check (STORE_UNAVAILABLE), not thrown.
   *
   * @throws AuditError AUDIT_RANGE for a range outside the chain, LEDGER_UNAVAILABLE when blocks cannot be read
   */
  public async run(request: AuditRequest = {}): Promise<AuditReport> {
    const started = performance.now();
    const run = new AuditRun(this.#limit);
    const info = await this.#ledger(() => this.#blocks.chainInfo(), 'chain info');
    let tip = info.height - 1;
    const fromBlock = request.fromBlock ?? 0;
    const toBlock = request.toBlock ?? tip;
    if (!Number.isSafeInteger(fromBlock) || !Number.isSafeInteger(toBlock) || fromBlock < 0 || fromBlock > toBlock || toBlock > tip) {
      throw new AuditError('AUDIT_RANGE', `blocks ${fromBlock}..${toBlock} are not within the chain (0..${tip})`, { fromBlock, toBlock, height: info.height });
    }
    if (fromBlock > 0) await this.#prepareRange(run, fromBlock);
    await this.#walk(run, fromBlock, toBlock);
    if (toBlock === tip) run.chain.verifyTip(tip, info.currentBlockHash);

    for (const document of request.documents ?? []) checkDocument(document, run.replay, run.checks.documents);

    if (this.#store === undefined) {
      run.checks.store.skip('no query store to compare');
    } else if (toBlock !== tip) {
      run.checks.store.skip(`the audit ends at block ${toBlock} before the chain tip ${tip}; the store holds later versions`);
    } else {
      try {
        tip = await this.#compareStore(run, this.#store, fromBlock, tip);
      } catch (err) {
        if (!(err instanceof AuditError) || err.code !== 'STORE_UNAVAILABLE') throw err;
        run.checks.store.problem({ code: 'STORE_UNAVAILABLE', message: err.message });
      }
    }
    const checks = Object.fromEntries(CHECK_NAMES.map((name) => [name, run.checks[name].result()])) as AuditReport['checks'];
    return {
      ok: CHECK_NAMES.every((name) => checks[name].ok),
      channel: this.#blocks.channel,
      fromBlock,
      toBlock: run.toBlock,
      chainHeight: tip + 1,
      checkedBlocks: run.checkedBlocks,
      checkedTransactions: run.checkedTransactions,
      skippedTransactions: { invalid: run.invalid, other: run.other },
      durationMs: Math.round(performance.now() - started),
      checks,
    };
  }

  async #ledger<T>(read: () => Promise<T>, what: string): Promise<T> {
    try {
      return await read();
    } catch (err) {
      throw new AuditError('LEDGER_UNAVAILABLE', `cannot read ${what} from the peer: ${err instanceof Error ? err.message : String(err)}`, undefined, { cause: err });
    }
  }

  async #decoded(blockNumber: number): Promise<DecodedBlock> {
    const raw = await this.#ledger(() => this.#blocks.block(blockNumber), `block ${blockNumber}`);
    try {
      return decodeBlock(raw);
    } catch (err) {
      throw new AuditError('NO_CHANNEL_CONFIG', `block ${blockNumber} cannot be decoded`, undefined, { cause: err });
    }
  }

  /** For an audit starting after block 0: the channel configuration in effect and the previous header. */
  async #prepareRange(run: AuditRun, fromBlock: number): Promise<void> {
    const first = await this.#decoded(fromBlock);
    const configNumber = first.lastConfigIndex;
    if (configNumber === undefined || configNumber > fromBlock) {
      throw new AuditError('NO_CHANNEL_CONFIG', `block ${fromBlock} does not name its configuration block`);
    }
    const configBlock = configNumber === fromBlock ? first : await this.#decoded(configNumber);
    const config = configBlock.data.map((raw) => decodeEnvelope(raw)).find((envelope) => envelope.type === HEADER_TYPE_CONFIG)?.config;
    if (config === undefined) throw new AuditError('NO_CHANNEL_CONFIG', `block ${configNumber} is not a configuration block`);
    run.msps = ChannelMsps.fromConfig(config);
    checkRevocationLists(run.msps, run.checks.signatures, configNumber);
    run.chain.anchor(await this.#decoded(fromBlock - 1));
    run.checks.chain.note(`blocks ${fromBlock}..: linked to block ${fromBlock - 1}, whose own contents were not checked; channel configuration from block ${configNumber}`);
  }

  /** Reads and checks blocks `from`..`to` in order, requesting a few ahead. */
  async #walk(run: AuditRun, from: number, to: number): Promise<void> {
    const pending = new Map<number, Promise<Uint8Array>>();
    const request = (n: number): void => {
      if (n > to || pending.has(n)) return;
      const promise = this.#blocks.block(n);
      promise.catch(() => undefined); // awaited in turn below
      pending.set(n, promise);
    };
    for (let n = from; n <= to; n++) {
      for (let ahead = n; ahead < n + this.#prefetch; ahead++) request(ahead);
      const raw = await this.#ledger(() => pending.get(n) ?? this.#blocks.block(n), `block ${n}`);
      pending.delete(n);
      this.#checkBlock(run, n, raw);
      run.toBlock = n;
      this.#onProgress?.({ blockNumber: n, toBlock: to, checkedBlocks: run.checkedBlocks, checkedTransactions: run.checkedTransactions });
    }
  }

  #checkBlock(run: AuditRun, blockNumber: number, raw: Uint8Array): void {
    let block: DecodedBlock;
    run.checkedBlocks += 1;
    try {
      block = decodeBlock(raw);
    } catch (err) {
      run.checks.chain.checked();
      run.checks.chain.problem({ code: 'BLOCK_UNDECODABLE', message: `block ${blockNumber} cannot be decoded: ${String(err)}`, blockNumber });
      run.chain.breakChain();
      return;
    }
    run.chain.verify(block, blockNumber, run.msps);
    let nextMsps: ChannelMsps | undefined;
    block.data.forEach((data, txIndex) => {
      let envelope;
      try {
        envelope = decodeEnvelope(data);
      } catch (err) {
        run.checks.chain.problem({ code: 'ENVELOPE_UNDECODABLE', message: `block ${blockNumber}: transaction ${txIndex} cannot be decoded: ${String(err)}`, blockNumber });
        return;
      }
      if (envelope.type === HEADER_TYPE_CONFIG && envelope.config !== undefined) {
        nextMsps = ChannelMsps.fromConfig(envelope.config);
        checkRevocationLists(nextMsps, run.checks.signatures, blockNumber);
        return;
      }
      if (envelope.type !== HEADER_TYPE_ENDORSER_TRANSACTION || !isReferralTransaction(envelope.chaincodeName, envelope.actions)) {
        run.other += 1;
        return;
      }
      if ((block.transactionFilter[txIndex] ?? 0) !== 0) {
        run.invalid += 1;
        return;
      }
      if (run.msps === undefined) {
        throw new AuditError('NO_CHANNEL_CONFIG', `block ${blockNumber}: no channel configuration to check transaction ${envelope.txId} against`);
      }
      const tx = { blockNumber, txIndex, envelope, writes: referralWritesOf(envelope.actions), msps: run.msps };
      checkCreator(tx, run.checks.signatures);
      checkEndorsements(tx, run.checks.endorsements);
      run.checkedTransactions += 1;
      run.replay.apply({ blockNumber, txIndex, txId: envelope.txId }, tx.writes);
    });
    if (nextMsps !== undefined) run.msps = nextMsps;
  }

  async #readStore<T>(read: () => Promise<T>): Promise<T> {
    try {
      return await read();
    } catch (err) {
      throw new AuditError('STORE_UNAVAILABLE', `cannot read the query store: ${err instanceof Error ? err.message : String(err)}`, undefined, { cause: err });
    }
  }

  /**
   * Compares the store with the replayed state. Rows newer than the audited chain make the audit
   * continue to the new tip first; rows that are only behind the ledger get `storeSettleMs` to catch up.
   *
   * @returns the chain tip the comparison was made against
   */
  async #compareStore(run: AuditRun, store: ReferralStoreReader, fromBlock: number, startTip: number): Promise<number> {
    let tip = startTip;
    const rows = new Map<string, StoreRow>();
    const readAll = async (): Promise<void> => {
      rows.clear();
      await this.#readStore(() => store.forEachRow((row) => rows.set(String(row._id), row)));
    };
    await readAll();
    for (let round = 0; round < CATCH_UP_ROUNDS && [...rows.values()].some((row) => rowBlock(row) > tip); round++) {
      const info = await this.#ledger(() => this.#blocks.chainInfo(), 'chain info');
      const newTip = info.height - 1;
      if (newTip <= tip) break;
      await this.#walk(run, tip + 1, newTip);
      run.chain.verifyTip(newTip, info.currentBlockHash);
      tip = newTip;
      await readAll();
    }
    // Every row must be on the ledger; after a partial replay (fromBlock > 0) only rows claiming a
    // version from the audited blocks can be held to that.
    const ids = new Set<string>([...run.replay.versions()].map((v) => v.referralId));
    let earlier = 0;
    for (const [id, row] of rows) {
      if (fromBlock === 0 || rowBlock(row) >= fromBlock) ids.add(id);
      else if (!ids.has(id)) earlier += 1;
    }
    if (earlier > 0) run.checks.store.note(`${earlier} store rows last written before block ${fromBlock} were not compared (outside the audited blocks)`);
    let problems = new Map<string, AuditProblem[]>();
    for (const id of ids) {
      const found = compareReferral(id, run.replay.get(id), rows.get(id));
      if (found.length > 0) problems.set(id, found);
    }
    // The projector follows the chain in block order: a row behind the ledger can only be lag when
    // its ledger version is newer than everything the store has projected so far.
    let projectedUpTo = -1;
    for (const row of rows.values()) projectedUpTo = Math.max(projectedUpTo, rowBlock(row));
    const deadline = performance.now() + this.#settleMs;
    for (;;) {
      const lagging = [...problems.keys()].filter((id) => {
        const expected = run.replay.get(id);
        return expected !== undefined && expected.blockNumber > projectedUpTo && storeIsBehind(expected, rows.get(id));
      });
      if (lagging.length === 0 || performance.now() >= deadline) break;
      await sleep(STORE_RETRY_MS);
      const fresh = await this.#readStore(() => store.rowsById(lagging));
      for (const id of lagging) rows.delete(id);
      for (const row of fresh) rows.set(String(row._id), row);
      const next = new Map(problems);
      for (const id of lagging) {
        const found = compareReferral(id, run.replay.get(id), rows.get(id));
        if (found.length > 0) next.set(id, found);
        else next.delete(id);
      }
      problems = next;
    }
    run.checks.store.checked(ids.size);
    for (const id of [...problems.keys()].sort()) for (const problem of problems.get(id) ?? []) run.checks.store.problem(problem);
    return tip;
  }
}

function rowBlock(row: StoreRow): number {
  const ledger = row.ledger as { blockNumber?: unknown } | undefined;
  return typeof ledger?.blockNumber === 'number' ? ledger.blockNumber : -1;
}
