import { common, msp } from '@hyperledger/fabric-protos';

/** `common.BlockMetadataIndex` positions used by the auditor. */
const METADATA_SIGNATURES = 0;
const METADATA_LAST_CONFIG = 1;
const METADATA_TRANSACTIONS_FILTER = 2;

/** A Fabric serialized identity: the MSP it names and the PEM certificate bytes. */
export interface IdentityBytes {
  readonly mspId: string;
  readonly idBytes: Buffer;
}

/** One orderer signature over the block header. */
export interface BlockSignature {
  /** The signature header (Raft) or identifier header (BFT) bytes, exactly as signed. */
  readonly signatureHeader: Buffer;
  readonly signature: Buffer;
  /** The signer named in the signature header; for a BFT block, the consenter ID stands in for it. */
  readonly signer: IdentityBytes;
  /** BFT (SmartBFT) blocks name the signer by its consenter ID in the channel's ConsenterMapping. */
  readonly consenterId?: number;
}

/** A block decoded far enough to check the hash chain and the orderer signatures; envelopes stay raw. */
export interface DecodedBlock {
  readonly number: bigint;
  readonly previousHash: Buffer;
  readonly dataHash: Buffer;
  /** The raw data.data entries (one envelope each), exactly as hashed. */
  readonly data: readonly Buffer[];
  /** metadata[SIGNATURES].value: signed together with each signature header and the header. */
  readonly signaturesValue: Buffer;
  readonly signatures: readonly BlockSignature[];
  /** Number of the config block in effect, from the orderer metadata (LAST_CONFIG as a fallback). */
  readonly lastConfigIndex: number | undefined;
  /** One validation code per envelope (0 = VALID). */
  readonly transactionFilter: Buffer;
}

/** Zero-copy Buffer view of a protobuf byte field. */
export function bytesOf(u8: Uint8Array): Buffer {
  return Buffer.from(u8.buffer, u8.byteOffset, u8.byteLength);
}

/** Decodes a `msp.SerializedIdentity`. */
export function decodeIdentity(bytes: Uint8Array): IdentityBytes {
  const identity = msp.SerializedIdentity.deserializeBinary(bytes);
  return { mspId: identity.getMspid(), idBytes: bytesOf(identity.getIdBytes_asU8()) };
}

function lastConfigOf(signaturesValue: Buffer, lastConfigMetadata: Uint8Array | undefined): number | undefined {
  if (signaturesValue.length > 0) {
    const fromOrderer = common.OrdererBlockMetadata.deserializeBinary(signaturesValue).getLastConfig();
    if (fromOrderer !== undefined) return fromOrderer.getIndex();
  }
  if (lastConfigMetadata !== undefined && lastConfigMetadata.length > 0) {
    const value = common.Metadata.deserializeBinary(lastConfigMetadata).getValue_asU8();
    if (value.length > 0) return common.LastConfig.deserializeBinary(value).getIndex();
  }
  return undefined;
}

/**
 * Decodes a block as returned by qscc GetBlockByNumber.
 *
 * @throws Error when the bytes are not a block with a header
 */
export function decodeBlock(bytes: Uint8Array): DecodedBlock {
  const block = common.Block.deserializeBinary(bytes);
  const header = block.getHeader();
  if (header === undefined) throw new Error('block has no header');
  const metadata = block.getMetadata()?.getMetadataList_asU8() ?? [];
  const signaturesMetadata = metadata[METADATA_SIGNATURES];
  let signaturesValue: Buffer = Buffer.alloc(0);
  const signatures: BlockSignature[] = [];
  if (signaturesMetadata !== undefined && signaturesMetadata.length > 0) {
    const decoded = common.Metadata.deserializeBinary(signaturesMetadata);
    signaturesValue = bytesOf(decoded.getValue_asU8());
    for (const signature of decoded.getSignaturesList()) {
      const signatureHeader = bytesOf(signature.getSignatureHeader_asU8());
      const identifierHeader = bytesOf(signature.getIdentifierHeader_asU8());
      if (signatureHeader.length === 0 && identifierHeader.length > 0) {
        const consenterId = common.IdentifierHeader.deserializeBinary(identifierHeader).getIdentifier();
        signatures.push({ signatureHeader: identifierHeader, signature: bytesOf(signature.getSignature_asU8()), signer: { mspId: '', idBytes: Buffer.alloc(0) }, consenterId });
        continue;
      }
      signatures.push({
        signatureHeader,
        signature: bytesOf(signature.getSignature_asU8()),
        signer: decodeIdentity(common.SignatureHeader.deserializeBinary(signatureHeader).getCreator_asU8()),
      });
    }
  }
  return {
    number: BigInt(header.getNumber()),
    previousHash: bytesOf(header.getPreviousHash_asU8()),
    dataHash: bytesOf(header.getDataHash_asU8()),
    data: (block.getData()?.getDataList_asU8() ?? []).map(bytesOf),
    signaturesValue,
    signatures,
    lastConfigIndex: lastConfigOf(signaturesValue, metadata[METADATA_LAST_CONFIG]),
    transactionFilter: bytesOf(metadata[METADATA_TRANSACTIONS_FILTER] ?? new Uint8Array(0)),
  };
}
