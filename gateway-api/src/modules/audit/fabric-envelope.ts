import { common, ledger, peer } from '@hyperledger/fabric-protos';
import { bytesOf, decodeIdentity, type IdentityBytes } from './fabric-block';

/** `common.HeaderType` values the auditor distinguishes. */
export const HEADER_TYPE_CONFIG = 1;
export const HEADER_TYPE_ENDORSER_TRANSACTION = 3;

/** One write of a transaction's public read-write set. */
export interface KvWrite {
  readonly namespace: string;
  readonly key: string;
  readonly value: Buffer;
  readonly isDelete: boolean;
}

/** One endorsement: the endorsing peer's identity (raw and decoded) and its signature. */
export interface Endorsement {
  readonly endorser: IdentityBytes;
  readonly endorserBytes: Buffer;
  readonly signature: Buffer;
}

/** A chaincode action endorsed by one or more peers. */
export interface EndorsedAction {
  /** ChaincodeProposalPayload as committed (transient map removed). */
  readonly chaincodeProposalPayload: Buffer;
  readonly proposalResponsePayload: Buffer;
  /** ProposalResponsePayload.proposal_hash: binds the endorsements to the client's proposal. */
  readonly proposalHash: Buffer;
  readonly endorsements: readonly Endorsement[];
  readonly chaincodeName: string | undefined;
  readonly writes: readonly KvWrite[];
}

/** An envelope decoded for the identity, signature and endorsement checks. */
export interface DecodedEnvelope {
  readonly type: number;
  readonly channelId: string;
  readonly txId: string;
  readonly timestamp: Date | undefined;
  readonly payload: Buffer;
  readonly signature: Buffer;
  readonly channelHeader: Buffer;
  readonly signatureHeader: Buffer;
  readonly creator: IdentityBytes;
  /** The serialized creator identity exactly as signed (the transaction ID hashes it). */
  readonly creatorBytes: Buffer;
  readonly nonce: Buffer;
  /** Chaincode named in the channel header extension (endorser transactions). */
  readonly chaincodeName: string | undefined;
  /** The full channel configuration carried by a CONFIG envelope. */
  readonly config: common.Config | undefined;
  readonly actions: readonly EndorsedAction[];
}

function writesOf(results: Uint8Array): KvWrite[] {
  if (results.length === 0) return [];
  const writes: KvWrite[] = [];
  for (const ns of ledger.rwset.TxReadWriteSet.deserializeBinary(results).getNsRwsetList()) {
    const kv = ledger.rwset.kvrwset.KVRWSet.deserializeBinary(ns.getRwset_asU8());
    for (const write of kv.getWritesList()) {
      writes.push({ namespace: ns.getNamespace(), key: write.getKey(), value: bytesOf(write.getValue_asU8()), isDelete: write.getIsDelete() });
    }
  }
  return writes;
}

function endorsedActionsOf(data: Uint8Array): EndorsedAction[] {
  return peer.Transaction.deserializeBinary(data)
    .getActionsList()
    .map((action) => {
      const payload = peer.ChaincodeActionPayload.deserializeBinary(action.getPayload_asU8());
      const endorsed = payload.getAction();
      const proposalResponsePayload = bytesOf(endorsed?.getProposalResponsePayload_asU8() ?? new Uint8Array(0));
      const response = peer.ProposalResponsePayload.deserializeBinary(proposalResponsePayload);
      const chaincodeAction = peer.ChaincodeAction.deserializeBinary(response.getExtension_asU8());
      return {
        chaincodeProposalPayload: bytesOf(payload.getChaincodeProposalPayload_asU8()),
        proposalResponsePayload,
        proposalHash: bytesOf(response.getProposalHash_asU8()),
        endorsements: (endorsed?.getEndorsementsList() ?? []).map((endorsement) => {
          const endorserBytes = bytesOf(endorsement.getEndorser_asU8());
          return { endorser: decodeIdentity(endorserBytes), endorserBytes, signature: bytesOf(endorsement.getSignature_asU8()) };
        }),
        chaincodeName: chaincodeAction.getChaincodeId()?.getName(),
        writes: writesOf(chaincodeAction.getResults_asU8()),
      };
    });
}

function timestampOf(header: common.ChannelHeader): Date | undefined {
  const ts = header.getTimestamp() as { getSeconds(): number; getNanos(): number } | undefined;
  return ts === undefined ? undefined : new Date(ts.getSeconds() * 1000 + Math.floor(ts.getNanos() / 1e6));
}

/**
 * Decodes one raw block data entry.
 *
 * @throws Error when the bytes are not an envelope with channel and signature headers
 */
export function decodeEnvelope(raw: Uint8Array): DecodedEnvelope {
  const envelope = common.Envelope.deserializeBinary(raw);
  const payloadBytes = bytesOf(envelope.getPayload_asU8());
  const payload = common.Payload.deserializeBinary(payloadBytes);
  const header = payload.getHeader();
  if (header === undefined) throw new Error('envelope payload has no header');
  const channelHeaderBytes = bytesOf(header.getChannelHeader_asU8());
  const signatureHeaderBytes = bytesOf(header.getSignatureHeader_asU8());
  const channelHeader = common.ChannelHeader.deserializeBinary(channelHeaderBytes);
  const signatureHeader = common.SignatureHeader.deserializeBinary(signatureHeaderBytes);
  const type = channelHeader.getType();
  let chaincodeName: string | undefined;
  let config: common.Config | undefined;
  let actions: EndorsedAction[] = [];
  if (type === HEADER_TYPE_ENDORSER_TRANSACTION) {
    chaincodeName = peer.ChaincodeHeaderExtension.deserializeBinary(channelHeader.getExtension_asU8()).getChaincodeId()?.getName();
    actions = endorsedActionsOf(payload.getData_asU8());
  } else if (type === HEADER_TYPE_CONFIG) {
    config = common.ConfigEnvelope.deserializeBinary(payload.getData_asU8()).getConfig();
  }
  return {
    type,
    channelId: channelHeader.getChannelId(),
    txId: channelHeader.getTxId(),
    timestamp: timestampOf(channelHeader),
    payload: payloadBytes,
    signature: bytesOf(envelope.getSignature_asU8()),
    channelHeader: channelHeaderBytes,
    signatureHeader: signatureHeaderBytes,
    creator: decodeIdentity(signatureHeader.getCreator_asU8()),
    creatorBytes: bytesOf(signatureHeader.getCreator_asU8()),
    nonce: bytesOf(signatureHeader.getNonce_asU8()),
    chaincodeName,
    config,
    actions,
  };
}
