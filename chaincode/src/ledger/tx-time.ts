import type { Context } from 'fabric-contract-api';

/** A protobuf timestamp as the shim returns it: `seconds` may be a Long, number, bigint or string. */
export interface TimestampLike {
    readonly seconds: unknown;
    readonly nanos: unknown;
}

function toNumber(value: unknown): number {
    if (typeof value === 'number') {
        return value;
    }
    if (typeof value === 'bigint' || typeof value === 'string') {
        return Number(value);
    }
    if (typeof value === 'object' && value !== null) {
        const long = value as { toNumber?: unknown; low?: unknown; high?: unknown };
        if (typeof long.toNumber === 'function') {
            return Number((long.toNumber as () => unknown).call(value));
        }
        if (typeof long.low === 'number' && typeof long.high === 'number') {
            return long.high * 2 ** 32 + (long.low >>> 0);
        }
    }
    return Number.NaN;
}

/**
 * Converts a protobuf timestamp to an ISO-8601 string (millisecond precision).
 *
 * @throws Error when the timestamp is not usable
 */
export function timestampToIso(timestamp: TimestampLike): string {
    const seconds = toNumber(timestamp.seconds);
    const nanos = toNumber(timestamp.nanos ?? 0);
    if (!Number.isFinite(seconds) || !Number.isFinite(nanos)) {
        throw new Error('timestamp is not numeric');
    }
    return new Date(seconds * 1000 + Math.floor(nanos / 1_000_000)).toISOString();
}

/** The transaction's timestamp (chosen by the client, the same on every endorser) as ISO-8601. */
export function txTimestampIso(ctx: Context): string {
    return timestampToIso(ctx.stub.getTxTimestamp());
}
