import type { Context } from 'fabric-contract-api';
import { PharmacyContract, type PlanView } from '../pharmacy/pharmacy-contract';
import type { RefillCycle } from '../pharmacy/refill-plan';
import { FakeLedger, identity, type FakeIdentity, type InvokeOptions, type InvokeResult } from './fake-ledger';

/** Test-only: identities, payloads, a driver for {@link PharmacyContract} and an MVCC race on a {@link FakeLedger}. */

export const PSEUDONYM = 'c'.repeat(64);
export const METFORMIN = '990001';
export const AMLODIPINE = '990004';
export const ITEMS = [
    { tmtId: METFORMIN, quantity: 180, sig: '1 เม็ด วันละ 2 ครั้ง หลังอาหาร' },
    { tmtId: AMLODIPINE, quantity: 90 },
];

export const BS_CLINICIAN = identity('BuddhasothornMSP', 'clinician', '10697', 'dr.bs01');
export const BS_NURSE = identity('BuddhasothornMSP', 'nurse', '10697', 'rn.bs02');
export const BS_PHARMACIST = identity('BuddhasothornMSP', 'pharmacist', '10697', 'rx.bs01');
export const BS_AUDITOR = identity('ProvincialHealthOfficeMSP', 'auditor', '00024', 'audit.pho');
/** รพ.สต. 03999 under Buddhasothorn. */
export const HC_NURSE = identity('BuddhasothornMSP', 'nurse', '03999', 'rn.hc01');
export const HC_CLINICIAN = identity('BuddhasothornMSP', 'clinician', '03999', 'dr.hc02');
export const HC_VOLUNTEER = identity('BuddhasothornMSP', 'volunteer', '03999', 'vhv.hc01');
export const HC_VOLUNTEER_2 = identity('BuddhasothornMSP', 'volunteer', '03999', 'vhv.hc02');
export const BK_VOLUNTEER = identity('BangKhlaMSP', 'volunteer', '03903', 'vhv.bk01');
export const BK_CLINICIAN = identity('BangKhlaMSP', 'clinician', '11138', 'dr.bk01');
export const BK_PHARMACIST = identity('BangKhlaMSP', 'pharmacist', '11138', 'rx.bk01');
/** รพ.สต. 03903 under Bang Khla. */
export const BK_HC_NURSE = identity('BangKhlaMSP', 'nurse', '03903', 'rn.hc03');
export const DRUGSTORE_PHARMACIST = identity('ChachoengsaoPharmacyNetworkMSP', 'pharmacist', '90001', 'rx.ds01');
/** A drugstore code claimed by a hospital organisation. */
export const FAKE_DRUGSTORE_PHARMACIST = identity('BangKhlaMSP', 'pharmacist', '90001', 'rx.fake');

/** A `CreateRefillPlan` payload (Buddhasothorn, 3 cycles of 28 days from 2026-01-05, hospital pharmacy), with overrides (undefined removes a field). */
export function planPayload(overrides: Record<string, unknown> = {}): string {
    return JSON.stringify({
        planId: 'RX-0001',
        patientPseudonym: PSEUDONYM,
        startDate: '2026-01-05',
        intervalDays: 28,
        cycleCount: 3,
        channel: 'hospital-pharmacy',
        ...overrides,
    });
}

/** The one-time delivery confirmation code the tests hand to the patient. */
export const CONFIRMATION_CODE = 'K7Q2M9X4T8B3N6P1';

/** Transient map carrying `items` (and the one-time confirmation code, used for post and volunteer deliveries). */
export function withItems(items: unknown = ITEMS, confirmationCode = CONFIRMATION_CODE): InvokeOptions {
    return { transient: { items: typeof items === 'string' ? items : JSON.stringify(items), confirmationCode } };
}

/** An error thrown by {@link raceTransactions} for a transaction Fabric would invalidate at commit. */
export class MvccReadConflict extends Error {
    constructor(readonly key: string) {
        super(`MVCC_READ_CONFLICT on ${JSON.stringify(key)}`);
        this.name = 'MvccReadConflict';
    }
}

/** One transaction of a race. */
export interface RaceEntry<T> {
    readonly who: FakeIdentity;
    readonly fn: (ctx: Context) => Promise<T>;
    readonly options?: InvokeOptions;
}

/**
 * Runs `entries` as Fabric would when they are endorsed at the same moment:
 * every proposal is simulated against the same committed state, then the
 * transactions are ordered and validated one by one; a transaction whose read
 * set changed since it was simulated fails with {@link MvccReadConflict} and
 * writes nothing (the peer's MVCC check).
 */
export async function raceTransactions<T>(ledger: FakeLedger, entries: readonly RaceEntry<T>[]): Promise<InvokeResult<T>[]> {
    let arrived = 0;
    let releaseAll: () => void = () => undefined;
    const allSimulated = new Promise<void>((resolve) => {
        releaseAll = resolve;
    });
    const turnReleases: (() => void)[] = [];
    const turns = entries.map(
        () =>
            new Promise<void>((resolve) => {
                turnReleases.push(resolve);
            }),
    );
    turnReleases[0]?.();
    const runs = entries.map((entry, index) =>
        ledger
            .invoke(
                entry.who,
                async (ctx) => {
                    const reads = new Map<string, string>();
                    const stub = ctx.stub as { getState: (key: string) => Promise<Uint8Array> };
                    const getState = stub.getState.bind(stub);
                    stub.getState = async (key: string) => {
                        const value = await getState(key);
                        if (!reads.has(key)) reads.set(key, Buffer.from(value).toString('hex'));
                        return value;
                    };
                    let result: T | undefined;
                    let failure: unknown;
                    let failed = false;
                    try {
                        result = await entry.fn(ctx);
                    } catch (error) {
                        failure = error;
                        failed = true;
                    }
                    arrived += 1;
                    if (arrived === entries.length) releaseAll();
                    await allSimulated;
                    await turns[index];
                    if (failed) throw failure;
                    for (const [key, seen] of reads) {
                        if (Buffer.from(ledger.state.get(key) ?? new Uint8Array(0)).toString('hex') !== seen) throw new MvccReadConflict(key);
                    }
                    return result as T;
                },
                entry.options,
            )
            .finally(() => turnReleases[index + 1]?.()),
    );
    return Promise.all(runs);
}

/** A fresh ledger and contract with helpers. */
export class PharmacyHarness {
    readonly ledger = new FakeLedger();
    readonly contract = new PharmacyContract();

    /** Sets the clock of the next transaction to 10:00 Asia/Bangkok on `day`. */
    on(day: string): this {
        this.ledger.clockSeconds = Date.parse(`${day}T03:00:00Z`) / 1000;
        return this;
    }

    call<T>(who: FakeIdentity, fn: (ctx: Context) => Promise<T>, options?: InvokeOptions): Promise<InvokeResult<T>> {
        return this.ledger.invoke(who, fn, options);
    }

    /** Creates a plan as the Buddhasothorn clinician; throws the chaincode error on failure. */
    async createPlan(overrides: Record<string, unknown> = {}, who: FakeIdentity = BS_CLINICIAN): Promise<PlanView> {
        const { result, error } = await this.call(who, (ctx) => this.contract.CreateRefillPlan(ctx, planPayload(overrides)), withItems());
        if (error !== undefined) throw error;
        return JSON.parse(result as string) as PlanView;
    }

    /** Dispenses `cycle` of RX-0001 (or `planId`) as `who`. */
    dispense(who: FakeIdentity, cycle = 1, options: { planId?: string; channel?: string; items?: unknown } = {}): Promise<InvokeResult<string>> {
        return this.call(who, (ctx) => this.contract.DispenseCycle(ctx, options.planId ?? 'RX-0001', String(cycle), options.channel ?? ''), withItems(options.items ?? ITEMS));
    }

    /** The plan view as committed. */
    async view(planId = 'RX-0001'): Promise<PlanView> {
        const { result, error } = await this.call(BS_CLINICIAN, (ctx) => this.contract.GetRefillPlan(ctx, planId));
        if (error !== undefined) throw error;
        return JSON.parse(result as string) as PlanView;
    }

    /** One committed cycle. */
    async cycle(number: number, planId = 'RX-0001'): Promise<RefillCycle> {
        const cycle = (await this.view(planId)).cycles[number - 1];
        if (cycle === undefined) throw new Error(`no cycle ${String(number)}`);
        return cycle;
    }
}
