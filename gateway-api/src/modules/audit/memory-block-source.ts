import type { BlockSource, ChainInfo } from './block-source';
import { blockHeaderHash } from './block-hash';
import { decodeBlock } from './fabric-block';

/**
 * Blocks held in memory (exported blocks, test fixtures). The chain height is one past the highest
 * block held; the tip hash is computed from that block's header.
 */
export class MemoryBlockSource implements BlockSource {
  public readonly channel: string;
  readonly #blocks: ReadonlyMap<number, Uint8Array>;

  public constructor(options: Readonly<{ channel: string; blocks: ReadonlyMap<number, Uint8Array> }>) {
    this.channel = options.channel;
    this.#blocks = options.blocks;
  }

  public chainInfo(): Promise<ChainInfo> {
    const tip = Math.max(-1, ...this.#blocks.keys());
    const last = this.#blocks.get(tip);
    return Promise.resolve({
      height: tip + 1,
      currentBlockHash: last === undefined ? Buffer.alloc(0) : blockHeaderHash(decodeBlock(last)),
    });
  }

  public block(blockNumber: number): Promise<Uint8Array> {
    const block = this.#blocks.get(blockNumber);
    return block === undefined ? Promise.reject(new Error(`block ${blockNumber} is not held`)) : Promise.resolve(block);
  }
}
