import { common } from '@hyperledger/fabric-protos';
import type { Network } from '@hyperledger/fabric-gateway';

/** Finds the number of the block holding `txId` through the peer's query system chaincode (qscc). */
export async function blockNumberOf(network: Network, txId: string): Promise<number | null> {
  try {
    const bytes = await network.getContract('qscc').evaluateTransaction('GetBlockByTxID', network.getName(), txId);
    const n = Number(common.Block.deserializeBinary(bytes).getHeader()?.getNumber());
    return Number.isSafeInteger(n) ? n : null;
  } catch {
    return null;
  }
}
