/** Height of the chain and hash of its last block header, as the peer reports them. */
export interface ChainInfo {
  readonly height: number;
  readonly currentBlockHash: Buffer;
}

/** Where the auditor reads raw blocks from (the peer's qscc; fixtures in tests). */
export interface BlockSource {
  readonly channel: string;
  chainInfo(): Promise<ChainInfo>;
  /** The raw `common.Block` bytes of block `blockNumber`. */
  block(blockNumber: number): Promise<Uint8Array>;
}
