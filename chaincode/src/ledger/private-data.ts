import type { Context } from 'fabric-contract-api';
import { toDeterministicBytes } from './deterministic-json';

/**
 * The one function that writes private data: deterministic JSON bytes into
 * `collection` under `key`.
 *
 * @returns the bytes written, so callers can hash exactly what was stored
 */
export async function putPrivateState(ctx: Context, collection: string, key: string, value: object): Promise<Uint8Array> {
    const bytes = toDeterministicBytes(value);
    await ctx.stub.putPrivateData(collection, key, bytes);
    return bytes;
}

/**
 * Reads the private value of `key` in `collection` as this peer holds it.
 *
 * @returns undefined when the peer holds no value
 */
export async function getPrivateBytes(ctx: Context, collection: string, key: string): Promise<Uint8Array | undefined> {
    const bytes = await ctx.stub.getPrivateData(collection, key);
    return bytes.length === 0 ? undefined : bytes;
}
