import { verify } from 'node:crypto';
import type { CheckCollector } from './audit-report';
import { blockDataHash, blockHeaderBytes, blockHeaderHash } from './block-hash';
import type { ChannelMsps } from './channel-msps';
import type { DecodedBlock } from './fabric-block';

const hex = (bytes: Uint8Array): string => Buffer.from(bytes).toString('hex');

/**
 * Walks the blocks in order and checks the chain: each block has the number asked for, its data hash
 * matches its data, its previous hash is the hash of the previous block's header, and it is signed by an
 * orderer of the channel's ordering organisation.
 */
export class ChainCheck {
  readonly #out: CheckCollector;
  #previousHeaderHash: Buffer | undefined;

  public constructor(out: CheckCollector) {
    this.#out = out;
  }

  /** Hash of the last header verified (or anchored); what the chain tip should report. */
  public get lastHeaderHash(): Buffer | undefined {
    return this.#previousHeaderHash;
  }

  /** Starts the chain after a block that is not itself audited (audits of a range). */
  public anchor(previousBlock: DecodedBlock): void {
    this.#previousHeaderHash = blockHeaderHash(previousBlock);
  }

  /** Forgets the previous header (after a block that could not be read). */
  public breakChain(): void {
    this.#previousHeaderHash = undefined;
  }

  /** Checks one block; `msps` is the channel configuration in effect before this block. */
  public verify(block: DecodedBlock, expectedNumber: number, msps: ChannelMsps | undefined): void {
    const blockNumber = expectedNumber;
    this.#out.checked();
    if (block.number !== BigInt(expectedNumber)) {
      this.#out.problem({ code: 'BLOCK_NUMBER_MISMATCH', message: `block ${expectedNumber} says it is block ${block.number}`, blockNumber, ledger: block.number.toString() });
    }
    const dataHash = blockDataHash(block.data);
    if (!dataHash.equals(block.dataHash)) {
      this.#out.problem({
        code: 'DATA_HASH_MISMATCH',
        message: `block ${blockNumber}: the transactions do not hash to the header's data_hash (the block's data was altered)`,
        blockNumber,
        field: 'header.data_hash',
        ledger: hex(block.dataHash),
        document: hex(dataHash),
      });
    }
    if (expectedNumber === 0) {
      if (block.previousHash.length !== 0) {
        this.#out.problem({ code: 'PREVIOUS_HASH_MISMATCH', message: 'the genesis block names a previous block', blockNumber, field: 'header.previous_hash', ledger: hex(block.previousHash) });
      }
    } else if (this.#previousHeaderHash !== undefined && !this.#previousHeaderHash.equals(block.previousHash)) {
      this.#out.problem({
        code: 'PREVIOUS_HASH_MISMATCH',
        message: `block ${blockNumber}: previous_hash is not the hash of block ${blockNumber - 1}'s header (the chain is broken)`,
        blockNumber,
        field: 'header.previous_hash',
        ledger: hex(block.previousHash),
        document: hex(this.#previousHeaderHash),
      });
    }
    if (expectedNumber > 0 && block.transactionFilter.length !== block.data.length) {
      this.#out.problem({
        code: 'TRANSACTION_FILTER_MISMATCH',
        message: `block ${blockNumber}: ${block.data.length} transactions but ${block.transactionFilter.length} validation codes`,
        blockNumber,
      });
    }
    if (expectedNumber > 0 && msps !== undefined) this.#verifySignatures(block, blockNumber, msps);
    this.#previousHeaderHash = blockHeaderHash(block);
  }

  /** Compares the hash of the last verified header with the tip hash the peer reports. */
  public verifyTip(tipNumber: number, reportedTipHash: Buffer): void {
    if (this.#previousHeaderHash !== undefined && !this.#previousHeaderHash.equals(reportedTipHash)) {
      this.#out.problem({
        code: 'TIP_HASH_MISMATCH',
        message: `the peer reports a current block hash that is not the hash of block ${tipNumber}'s header`,
        blockNumber: tipNumber,
        ledger: hex(reportedTipHash),
        document: hex(this.#previousHeaderHash),
      });
    }
  }

  #verifySignatures(block: DecodedBlock, blockNumber: number, msps: ChannelMsps): void {
    if (block.signatures.length === 0) {
      this.#out.problem({ code: 'BLOCK_UNSIGNED', message: `block ${blockNumber} carries no orderer signature`, blockNumber });
      return;
    }
    const header = blockHeaderBytes(block);
    for (const signature of block.signatures) {
      const signer = signature.consenterId === undefined ? signature.signer : msps.consenter(signature.consenterId);
      if (signer === undefined) {
        this.#out.problem({ code: 'BLOCK_SIGNER_INVALID', message: `block ${blockNumber}: signed by consenter ${signature.consenterId ?? '?'}, which the channel does not list`, blockNumber });
        continue;
      }
      const verdict = msps.validate(signer);
      if (!verdict.ok) {
        this.#out.problem({ code: 'BLOCK_SIGNER_INVALID', message: `block ${blockNumber}: signer rejected: ${verdict.reason}`, blockNumber, mspId: signer.mspId });
        continue;
      }
      if (msps.get(signer.mspId)?.group !== 'Orderer' || !msps.hasRole(signer.mspId, verdict, 'orderer')) {
        this.#out.problem({ code: 'BLOCK_SIGNER_NOT_ORDERER', message: `block ${blockNumber} is signed by ${signer.mspId}, not by an orderer of the ordering organisation`, blockNumber, mspId: signer.mspId });
        continue;
      }
      const message = Buffer.concat([block.signaturesValue, signature.signatureHeader, header]);
      if (!verify('sha256', message, verdict.publicKey, signature.signature)) {
        this.#out.problem({ code: 'BLOCK_SIGNATURE_INVALID', message: `block ${blockNumber}: the orderer signature does not verify`, blockNumber, mspId: signer.mspId });
      }
    }
  }
}
