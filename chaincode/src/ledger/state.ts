import type { Context } from 'fabric-contract-api';
import { ChaincodeError } from '../errors/chaincode-error';
import { toDeterministicJson } from './deterministic-json';

/**
 * The one function that writes world state: deterministic JSON bytes.
 *
 * @returns the JSON text written, so callers can return exactly what was stored
 */
export async function putState(ctx: Context, key: string, value: object): Promise<string> {
    const json = toDeterministicJson(value);
    await ctx.stub.putState(key, Buffer.from(json, 'utf8'));
    return json;
}

/**
 * Parses JSON bytes read from the ledger. The result is `unknown` until a
 * guard narrows it.
 *
 * @returns undefined for empty bytes (missing key or deleted value)
 * @throws ChaincodeError LEDGER_CORRUPT when the bytes are not JSON
 */
export function parseJsonBytes(bytes: Uint8Array | undefined | null, key: string): unknown {
    if (!bytes || bytes.length === 0) {
        return undefined;
    }
    try {
        return JSON.parse(Buffer.from(bytes).toString('utf8')) as unknown;
    } catch (cause) {
        throw new ChaincodeError('LEDGER_CORRUPT', 'stored value is not JSON', { details: { key }, cause });
    }
}

/**
 * Reads and parses the JSON value stored at `key`.
 *
 * @returns the parsed value as `unknown`, or undefined when the key is absent
 */
export async function getJson(ctx: Context, key: string): Promise<unknown> {
    return parseJsonBytes(await ctx.stub.getState(key), key);
}
