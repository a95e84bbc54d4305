import type { InMemoryReadModel } from '../../../store/in-memory-read-model';
import type { ProjectionStore, RecordOutcome, SaveOutcome } from '../projection-store';
import type { ReferralDocument, ReferralEventDocument } from '../../../store/read-model';
import type { ReferralProjection } from '../referral-projection';
import { handleCheckpointedBlock, type Checkpointer } from '../checkpointer';

/**
 * Delivers the chain to the projection the way the projection listener does: from the checkpoint's block
 * (or 0), each block under handleCheckpointedBlock. Stops at the first failure and returns it (a crash), or
 * undefined when every block was taken.
 */
export async function deliverFromCheckpoint(
  projection: ReferralProjection,
  checkpointer: Checkpointer,
  chain: readonly { blockNumber: number; blockData: unknown }[],
): Promise<unknown> {
  const start = (await checkpointer.getBlockNumber()) ?? 0;
  for (const block of chain.filter((b) => b.blockNumber >= start)) {
    try {
      await handleCheckpointedBlock(checkpointer, block.blockNumber, async () => {
        await projection.applyBlock(block.blockNumber, block.blockData, new Date('2026-11-25T10:00:00.000Z'));
      });
    } catch (err) {
      return err;
    }
  }
  return undefined;
}

/** The read model without the wall-clock fields, for comparing two runs. */
export function snapshot(model: InMemoryReadModel): { referrals: ReferralDocument[]; events: Omit<ReferralEventDocument, 'deliveredAt' | 'projectedAt'>[] } {
  return {
    referrals: model.referrals(),
    events: model.events().map(({ deliveredAt: _d, projectedAt: _p, ...rest }) => rest),
  };
}

/** Wraps a store so that the n-th call of `method` (1-based) fails once, like a crash at that point. */
export function crashingStore(inner: ProjectionStore, method: keyof ProjectionStore, n: number): ProjectionStore {
  let calls = 0;
  const maybeCrash = (name: keyof ProjectionStore): void => {
    if (name === method && ++calls === n) throw new Error(`simulated crash in ${name}`);
  };
  return {
    saveReferral: async (referral: ReferralDocument): Promise<SaveOutcome> => {
      maybeCrash('saveReferral');
      return inner.saveReferral(referral);
    },
    recordEvent: async (event: ReferralEventDocument): Promise<RecordOutcome> => {
      maybeCrash('recordEvent');
      return inner.recordEvent(event);
    },
  };
}

/** Wraps a checkpointer so that the n-th call of `method` fails once, before anything is written. */
export function crashingCheckpointer(inner: Checkpointer, method: 'addTransactionId' | 'setBlockNumber', n: number): Checkpointer {
  let calls = 0;
  return {
    getBlockNumber: async () => inner.getBlockNumber(),
    getTransactionIds: async () => inner.getTransactionIds(),
    addTransactionId: async (txId: string) => {
      if (method === 'addTransactionId' && ++calls === n) throw new Error('simulated crash in addTransactionId');
      return inner.addTransactionId(txId);
    },
    setBlockNumber: async (blockNumber: number) => {
      if (method === 'setBlockNumber' && ++calls === n) throw new Error('simulated crash in setBlockNumber');
      return inner.setBlockNumber(blockNumber);
    },
  };
}
