import type { Network } from '@hyperledger/fabric-gateway';
import { decodedBlockShape } from './block-shape';
import type { BlockStream, DeliveredBlock } from './projection-listener';

/** Full blocks from `startBlock` on, through the Fabric Gateway client's block events, decoded for the projector. */
export async function blockStreamOf(network: Network, startBlock: number): Promise<BlockStream> {
  const events = await network.getBlockEvents({ startBlock: BigInt(startBlock) });
  return {
    close: () => {
      events.close();
    },
    async *[Symbol.asyncIterator](): AsyncIterator<DeliveredBlock> {
      for await (const block of events) yield decodedBlockShape(block);
    },
  };
}
