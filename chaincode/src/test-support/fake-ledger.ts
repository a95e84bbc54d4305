import { Context } from 'fabric-contract-api';

type ChaincodeStub = Context['stub'];
type ClientIdentity = Context['clientIdentity'];
type HistoryIterator = Awaited<ReturnType<ChaincodeStub['getHistoryForKey']>>;
type HistoryNext = Awaited<ReturnType<HistoryIterator['next']>>;

/** Test-only in-memory ledger with per-transaction write sets, history and events. */

/** A caller identity for the fake. */
export interface FakeIdentity {
    readonly mspId: string;
    readonly cn: string;
    readonly attrs: Readonly<Record<string, string>>;
}

/** Private data by collection, then key. */
export type PrivateStore = Map<string, Map<string, Uint8Array>>;

/** What one transaction wrote. */
export interface WriteSet {
    readonly puts: Map<string, Uint8Array>;
    readonly deletes: Set<string>;
    readonly validationParameters: Map<string, Uint8Array>;
    readonly privatePuts: PrivateStore;
    readonly privateValidationParameters: PrivateStore;
    events: { name: string; payload: Uint8Array }[];
}

/** Proposal details besides the caller. */
export interface InvokeOptions {
    /** The proposal's transient map (strings are UTF-8 encoded). */
    readonly transient?: Readonly<Record<string, string | Uint8Array>>;
    /**
     * MSP of the endorsing peer as `getMspID()` reports it. Defaults to the
     * caller's MSP; `null` simulates a chaincode process without
     * `CORE_PEER_LOCALMSPID` (the shim then throws).
     */
    readonly peerMspId?: string | null;
}

interface HistoryRecord {
    readonly txId: string;
    readonly seconds: number;
    readonly nanos: number;
    readonly isDelete: boolean;
    readonly value: Uint8Array;
}

/** Result of {@link FakeLedger.invoke}. */
export interface InvokeResult<T> {
    readonly txId: string;
    readonly writes: WriteSet;
    readonly result?: T;
    readonly error?: unknown;
}

const EMPTY = new Uint8Array(0);

function emptyWriteSet(): WriteSet {
    return { puts: new Map(), deletes: new Set(), validationParameters: new Map(), privatePuts: new Map(), privateValidationParameters: new Map(), events: [] };
}

function putPrivate(store: PrivateStore, collection: string, key: string, value: Uint8Array): void {
    const entries = store.get(collection) ?? new Map<string, Uint8Array>();
    entries.set(key, Uint8Array.from(value));
    store.set(collection, entries);
}

function privateCount(store: PrivateStore): number {
    let count = 0;
    for (const entries of store.values()) {
        count += entries.size;
    }
    return count;
}

function fakeClientIdentity(identity: FakeIdentity): ClientIdentity {
    return {
        getMSPID: () => identity.mspId,
        getID: () => `x509::/C=TH/ST=Chachoengsao/O=${identity.mspId}/OU=client/CN=${identity.cn}::/C=TH/O=${identity.mspId}/CN=ca`,
        getIDBytes: () => EMPTY,
        getAttributeValue: (name: string) => identity.attrs[name] ?? null,
        assertAttributeValue: (name: string, value: string) => identity.attrs[name] === value,
    };
}

/**
 * Committed state plus the subset of `ChaincodeStub` the contracts use. Reads
 * see committed state only (as on a peer); writes go to the transaction's write
 * set and are committed only when the transaction succeeds.
 */
export class FakeLedger {
    readonly state = new Map<string, Uint8Array>();
    readonly validationParameters = new Map<string, Uint8Array>();
    /** Committed private data (as every member peer would hold it). */
    readonly privateState: PrivateStore = new Map();
    readonly privateValidationParameters: PrivateStore = new Map();
    /** Every private read attempted, in order (committed or not). */
    readonly privateReads: { collection: string; key: string }[] = [];
    readonly history = new Map<string, HistoryRecord[]>();
    /** Events of committed transactions, in order. */
    readonly events: { txId: string; name: string; payload: Uint8Array }[] = [];
    /** Number of history iterators opened and closed. */
    readonly iterators = { opened: 0, closed: 0 };
    #txCounter = 0;
    /** Seconds since the epoch for the next transaction (advanced by 60 per transaction). */
    clockSeconds = 1_767_225_600; // 2026-01-01T00:00:00Z

    /**
     * Runs `fn` as one transaction for `identity`. On success the write set is
     * committed; on failure it is discarded and returned for inspection.
     */
    async invoke<T>(identity: FakeIdentity, fn: (ctx: Context) => Promise<T>, options: InvokeOptions = {}): Promise<InvokeResult<T>> {
        this.#txCounter += 1;
        const txId = `tx${String(this.#txCounter).padStart(4, '0')}`;
        const seconds = this.clockSeconds;
        const nanos = 123_456_789;
        this.clockSeconds += 60;
        const writes = emptyWriteSet();
        const ctx = new Context();
        const transient = new Map<string, Uint8Array>();
        for (const [key, value] of Object.entries(options.transient ?? {})) {
            transient.set(key, typeof value === 'string' ? Buffer.from(value, 'utf8') : Uint8Array.from(value));
        }
        const peerMspId = options.peerMspId === undefined ? identity.mspId : options.peerMspId;
        ctx.stub = this.#stub(txId, seconds, nanos, writes, transient, peerMspId);
        ctx.clientIdentity = fakeClientIdentity(identity);
        try {
            const result = await fn(ctx);
            this.#commit(txId, seconds, nanos, writes);
            return { txId, writes, result };
        } catch (error) {
            return { txId, writes, error };
        }
    }

    /** Total number of writes of any kind in a write set. */
    static writeCount(writes: WriteSet): number {
        return (
            writes.puts.size +
            writes.deletes.size +
            writes.validationParameters.size +
            privateCount(writes.privatePuts) +
            privateCount(writes.privateValidationParameters) +
            writes.events.length
        );
    }

    #commit(txId: string, seconds: number, nanos: number, writes: WriteSet): void {
        for (const [key, value] of writes.puts) {
            this.state.set(key, value);
            this.#record(key, { txId, seconds, nanos, isDelete: false, value });
        }
        for (const key of writes.deletes) {
            this.state.delete(key);
            this.#record(key, { txId, seconds, nanos, isDelete: true, value: EMPTY });
        }
        for (const [key, value] of writes.validationParameters) {
            this.validationParameters.set(key, value);
        }
        for (const [collection, entries] of writes.privatePuts) {
            for (const [key, value] of entries) {
                putPrivate(this.privateState, collection, key, value);
            }
        }
        for (const [collection, entries] of writes.privateValidationParameters) {
            for (const [key, value] of entries) {
                putPrivate(this.privateValidationParameters, collection, key, value);
            }
        }
        for (const event of writes.events.slice(-1)) {
            this.events.push({ txId, ...event });
        }
    }

    #record(key: string, record: HistoryRecord): void {
        const list = this.history.get(key) ?? [];
        list.push(record);
        this.history.set(key, list);
    }

    #stub(txId: string, seconds: number, nanos: number, writes: WriteSet, transient: Map<string, Uint8Array>, peerMspId: string | null): ChaincodeStub {
        const ledger = this;
        const stub: Partial<ChaincodeStub> = {
            getMspID: () => {
                if (peerMspId === null) {
                    throw new Error('CORE_PEER_LOCALMSPID is unset in chaincode process');
                }
                return peerMspId;
            },
            getTransient: () => transient,
            getPrivateData: (collection: string, key: string) => {
                ledger.privateReads.push({ collection, key });
                return Promise.resolve(ledger.privateState.get(collection)?.get(key) ?? EMPTY);
            },
            putPrivateData: (collection: string, key: string, value: Uint8Array) => {
                putPrivate(writes.privatePuts, collection, key, value);
                return Promise.resolve();
            },
            setPrivateDataValidationParameter: (collection: string, key: string, ep: Uint8Array) => {
                putPrivate(writes.privateValidationParameters, collection, key, ep);
                return Promise.resolve();
            },
            getTxID: () => txId,
            getChannelID: () => 'referral-channel',
            getTxTimestamp: () => ({ seconds: { low: seconds, high: 0, unsigned: true, toNumber: () => seconds }, nanos }) as unknown as ReturnType<ChaincodeStub['getTxTimestamp']>,
            getState: (key: string) => Promise.resolve(ledger.state.get(key) ?? EMPTY),
            putState: (key: string, value: Uint8Array) => {
                writes.deletes.delete(key);
                writes.puts.set(key, Uint8Array.from(value));
                return Promise.resolve();
            },
            deleteState: (key: string) => {
                writes.puts.delete(key);
                writes.deletes.add(key);
                return Promise.resolve();
            },
            setStateValidationParameter: (key: string, ep: Uint8Array) => {
                writes.validationParameters.set(key, Uint8Array.from(ep));
                return Promise.resolve();
            },
            setEvent: (name: string, payload: Uint8Array) => {
                writes.events.push({ name, payload: Uint8Array.from(payload) });
            },
            createCompositeKey: (objectType: string, attributes: string[]) => {
                const parts = [objectType, ...attributes];
                if (parts.some((part) => part.includes('\u0000'))) {
                    throw new Error('composite key parts must not contain U+0000');
                }
                return `\u0000${parts.join('\u0000')}\u0000`;
            },
            getHistoryForKey: ((key: string) => {
                // Fabric 2.x returns newest first.
                const records = [...(ledger.history.get(key) ?? [])].reverse();
                let index = 0;
                ledger.iterators.opened += 1;
                const iterator: HistoryIterator = {
                    next: () => {
                        const record = records[index];
                        index += 1;
                        if (!record) {
                            return Promise.resolve({ done: true } as HistoryNext);
                        }
                        return Promise.resolve({
                            done: false,
                            value: {
                                txId: record.txId,
                                isDelete: record.isDelete,
                                value: record.value,
                                // history timestamps arrive as plain numbers (protobuf toObject)
                                timestamp: { seconds: record.seconds, nanos: record.nanos },
                            } as unknown as HistoryNext['value'],
                        });
                    },
                    close: () => {
                        ledger.iterators.closed += 1;
                        return Promise.resolve();
                    },
                };
                return Promise.resolve(iterator);
            }) as unknown as ChaincodeStub['getHistoryForKey'],
        };
        return stub as ChaincodeStub;
    }
}

/** A caller with `role` and `hcode` attributes. */
export function identity(mspId: string, role: string | undefined, hcode: string | undefined, cn = 'staff01'): FakeIdentity {
    const attrs: Record<string, string> = {};
    if (role !== undefined) {
        attrs.role = role;
    }
    if (hcode !== undefined) {
        attrs.hcode = hcode;
    }
    return { mspId, cn, attrs };
}

/** Decodes bytes written by the contract. */
export function decodeJson(bytes: Uint8Array | undefined): unknown {
    if (!bytes) {
        return undefined;
    }
    return JSON.parse(Buffer.from(bytes).toString('utf8')) as unknown;
}
