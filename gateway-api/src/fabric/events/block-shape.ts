import { common, ledger, peer } from '@hyperledger/fabric-protos';

/** Index of TRANSACTIONS_FILTER in the block metadata. */
const TRANSACTIONS_FILTER = 2;
const ENDORSER_TRANSACTION = 3;

function timestampOf(header: common.ChannelHeader): string | undefined {
  const ts = header.getTimestamp();
  return ts === undefined ? undefined : new Date(ts.getSeconds() * 1000 + Math.floor(ts.getNanos() / 1e6)).toISOString();
}

function actionsOf(data: Uint8Array): unknown[] {
  return peer.Transaction.deserializeBinary(data)
    .getActionsList()
    .map((action) => {
      const payload = peer.ChaincodeActionPayload.deserializeBinary(action.getPayload_asU8());
      const response = peer.ProposalResponsePayload.deserializeBinary(payload.getAction()?.getProposalResponsePayload_asU8() ?? new Uint8Array(0));
      const chaincodeAction = peer.ChaincodeAction.deserializeBinary(response.getExtension_asU8());
      const results = chaincodeAction.getResults_asU8();
      const nsRwset =
        results.length === 0
          ? []
          : ledger.rwset.TxReadWriteSet.deserializeBinary(results)
              .getNsRwsetList()
              .map((ns) => ({
                namespace: ns.getNamespace(),
                rwset: {
                  writes: ledger.rwset.kvrwset.KVRWSet.deserializeBinary(ns.getRwset_asU8())
                    .getWritesList()
                    .map((w) => ({ key: w.getKey(), is_delete: w.getIsDelete(), value: w.getValue_asU8() })),
                },
              }));
      const event = chaincodeAction.getEvents_asU8().length === 0 ? undefined : peer.ChaincodeEvent.deserializeBinary(chaincodeAction.getEvents_asU8());
      return {
        payload: {
          action: {
            proposal_response_payload: {
              extension: {
                results: { ns_rwset: nsRwset },
                events: event === undefined ? null : { chaincode_id: event.getChaincodeId(), event_name: event.getEventName(), payload: event.getPayload_asU8() },
              },
            },
          },
        },
      };
    });
}

/**
 * Decodes a block delivered by the Fabric Gateway client (a `common.Block`) into the plain shape the projector
 * reads (block-changes.ts): envelopes with channel header, actions with write sets and chaincode events, and
 * the transaction validation codes. Envelopes that are not endorser transactions keep only their header.
 */
export function decodedBlockShape(block: common.Block): { blockNumber: number; block: unknown } {
  const blockNumber = Number(block.getHeader()?.getNumber() ?? 0);
  const envelopes = (block.getData()?.getDataList_asU8() ?? []).map((raw) => {
    try {
      const payload = common.Payload.deserializeBinary(common.Envelope.deserializeBinary(raw).getPayload_asU8());
      const header = common.ChannelHeader.deserializeBinary(payload.getHeader()?.getChannelHeader_asU8() ?? new Uint8Array(0));
      const type = header.getType();
      return {
        payload: {
          header: { channel_header: { type, tx_id: header.getTxId(), timestamp: timestampOf(header) } },
          data: type === ENDORSER_TRANSACTION ? { actions: actionsOf(payload.getData_asU8()) } : {},
        },
      };
    } catch {
      return {};
    }
  });
  const metadata = block.getMetadata()?.getMetadataList_asU8() ?? [];
  const filter = metadata[TRANSACTIONS_FILTER] ?? new Uint8Array(0);
  const shaped = { data: { data: envelopes }, metadata: { metadata: metadata.map((m, i) => (i === TRANSACTIONS_FILTER ? filter : m)) } };
  return { blockNumber, block: shaped };
}
