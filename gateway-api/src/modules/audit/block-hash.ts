import { createHash } from 'node:crypto';
import { derInteger, derOctetString, derSequence } from './asn1-der';

/** The three fields of a Fabric block header that the hash chain covers. */
export interface BlockHeaderFields {
  readonly number: bigint;
  readonly previousHash: Uint8Array;
  readonly dataHash: Uint8Array;
}

/** ASN.1 DER bytes of a block header: SEQUENCE { INTEGER number, OCTET STRING previous_hash, OCTET STRING data_hash }. */
export function blockHeaderBytes(header: BlockHeaderFields): Buffer {
  return derSequence(derInteger(header.number), derOctetString(header.previousHash), derOctetString(header.dataHash));
}

/** SHA-256 of the header's DER bytes: what the next block stores as previous_hash. */
export function blockHeaderHash(header: BlockHeaderFields): Buffer {
  return createHash('sha256').update(blockHeaderBytes(header)).digest();
}

/** SHA-256 over the concatenation of the raw block data entries (the envelopes): the header's data_hash. */
export function blockDataHash(entries: readonly Uint8Array[]): Buffer {
  const hash = createHash('sha256');
  for (const entry of entries) hash.update(entry);
  return hash.digest();
}
