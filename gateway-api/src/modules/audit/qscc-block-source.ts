import { common } from '@hyperledger/fabric-protos';
import type { Network } from '@hyperledger/fabric-gateway';
import type { BlockSource, ChainInfo } from './block-source';
import { bytesOf } from './fabric-block';

/** Reads blocks through the peer's query system chaincode (qscc), as the identity of `network` (Fabric Gateway client). */
export class QsccBlockSource implements BlockSource {
  readonly #network: Network;

  public constructor(options: Readonly<{ network: Network }>) {
    this.#network = options.network;
  }

  public get channel(): string {
    return this.#network.getName();
  }

  public async chainInfo(): Promise<ChainInfo> {
    const bytes = await this.#network.getContract('qscc').evaluateTransaction('GetChainInfo', this.channel);
    const info = common.BlockchainInfo.deserializeBinary(bytes);
    return { height: Number(info.getHeight()), currentBlockHash: bytesOf(info.getCurrentblockhash_asU8()) };
  }

  public async block(blockNumber: number): Promise<Uint8Array> {
    return this.#network.getContract('qscc').evaluateTransaction('GetBlockByNumber', this.channel, String(blockNumber));
  }
}
