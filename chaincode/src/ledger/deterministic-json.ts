import stringify from 'json-stringify-deterministic';
import sortKeysRecursive from 'sort-keys-recursive';

/**
 * Serialises a JSON value with sorted keys, so that every endorser produces
 * identical bytes for the same logical value.
 *
 * Note: `sort-keys-recursive` also sorts arrays of primitives; arrays of
 * objects keep their order (all elements compare equal). Store order-free
 * primitive arrays already sorted so the returned value equals the stored one.
 */
export function toDeterministicJson(value: object): string {
    return stringify(sortKeysRecursive(value as Record<string, unknown>));
}

/** {@link toDeterministicJson} as UTF-8 bytes. */
export function toDeterministicBytes(value: object): Uint8Array {
    return Buffer.from(toDeterministicJson(value), 'utf8');
}
