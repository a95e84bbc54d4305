import type { Context } from 'fabric-contract-api';
import { parseJsonBytes } from './state';
import { timestampToIso } from './tx-time';

/** One committed modification of a key, value still unparsed beyond JSON. */
export interface KeyHistoryEntry {
    readonly txId: string;
    readonly timestamp: string;
    readonly isDelete: boolean;
    /** Parsed JSON, or undefined for deletes / empty values. */
    readonly value: unknown;
}

/**
 * All committed modifications of `key`, in the order the peer returns them
 * (Fabric 2.x: newest first).
 * The iterator is always closed.
 */
export async function getKeyHistory(ctx: Context, key: string): Promise<KeyHistoryEntry[]> {
    const iterator = await ctx.stub.getHistoryForKey(key);
    try {
        const entries: KeyHistoryEntry[] = [];
        for (let result = await iterator.next(); !result.done; result = await iterator.next()) {
            const modification = result.value;
            entries.push({
                txId: modification.txId,
                timestamp: timestampToIso(modification.timestamp),
                isDelete: modification.isDelete,
                value: modification.isDelete ? undefined : parseJsonBytes(modification.value, key),
            });
        }
        return entries;
    } finally {
        await iterator.close();
    }
}
