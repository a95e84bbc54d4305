import { ChaincodeError } from '../errors/chaincode-error';
import { decodeJson, FakeLedger } from '../test-support/fake-ledger';
import { expectFailure } from '../test-support/referral-harness';
import {
    AMLODIPINE,
    BK_CLINICIAN,
    BK_HC_NURSE,
    BK_PHARMACIST,
    BS_AUDITOR,
    BS_CLINICIAN,
    BS_NURSE,
    BS_PHARMACIST,
    DRUGSTORE_PHARMACIST,
    FAKE_DRUGSTORE_PHARMACIST,
    HC_CLINICIAN,
    HC_NURSE,
    HC_VOLUNTEER,
    ITEMS,
    METFORMIN,
    MvccReadConflict,
    PharmacyHarness,
    planPayload,
    PSEUDONYM,
    raceTransactions,
    withItems,
} from '../test-support/pharmacy-harness';
import { itemsHash, PHARMACY_CHANGED_EVENT } from './pharmacy-contract';
import { cycleKey } from './pharmacy-keys';
import type { RefillCycle } from './refill-plan';

const CYCLE_KEY = (planId: string, cycle: number): string => `\u0000pharmacy~cycle\u0000${planId}\u0000${String(cycle).padStart(3, '0')}\u0000`;
const PLAN_KEY = (planId: string): string => `\u0000pharmacy~plan\u0000${planId}\u0000`;

describe('PharmacyContract: refill plans', () => {
    it('lets a hospital clinician create a plan with one key per cycle, items private to the hospital', async () => {
        const h = new PharmacyHarness().on('2026-01-02');
        const view = await h.createPlan({ overrides: [{ cycle: 2, channel: 'health-centre', unitHcode: '03999' }] });
        expect(view.plan).toMatchObject({
            planId: 'RX-0001',
            patientPseudonym: PSEUDONYM,
            prescriberHcode: '10697',
            prescriberMsp: 'BuddhasothornMSP',
            prescribedBy: { name: 'dr.bs01', role: 'clinician', mspId: 'BuddhasothornMSP', hcode: '10697' },
            startDate: '2026-01-05',
            intervalDays: 28,
            cycleCount: 3,
            itemCount: 2,
            ruleId: 'refill-2026-01',
        });
        expect(view.plan.itemsHash).toMatch(/^[0-9a-f]{64}$/);
        expect(view.cycles.map((c) => [c.cycle, c.dueDate, c.channel, c.unitHcode, c.status])).toEqual([
            [1, '2026-01-05', 'hospital-pharmacy', '10697', 'scheduled'],
            [2, '2026-02-02', 'health-centre', '03999', 'scheduled'],
            [3, '2026-03-02', 'hospital-pharmacy', '10697', 'scheduled'],
        ]);
        // nothing about the drugs on the channel
        const publicText = [...h.ledger.state.values()].map((bytes) => Buffer.from(bytes).toString('utf8')).join('\n');
        expect(publicText).not.toContain(METFORMIN);
        expect(publicText).not.toContain('หลังอาหาร');
        const privateItems = decodeJson(h.ledger.privateState.get('_implicit_org_BuddhasothornMSP')?.get('RX-0001')) as { items: unknown[] };
        expect(privateItems.items).toEqual([ITEMS[0], ITEMS[1]]);
        // later writes of the plan and each cycle need a peer of the prescribing organisation
        expect(h.ledger.validationParameters.has(PLAN_KEY('RX-0001'))).toBe(true);
        expect(h.ledger.validationParameters.has(CYCLE_KEY('RX-0001', 3))).toBe(true);
        expect(h.ledger.events.at(-1)?.name).toBe(PHARMACY_CHANGED_EVENT);
    });

    it('hashes the items salted by the plan id, whatever their order', () => {
        const a = itemsHash('RX-1', [{ tmtId: METFORMIN, quantity: 1 }]);
        expect(itemsHash('RX-2', [{ tmtId: METFORMIN, quantity: 1 }])).not.toBe(a);
        expect(itemsHash('RX-1', [{ tmtId: METFORMIN, quantity: 1, sig: 'x' }])).toBe(a);
    });

    it('returns the private items to the prescribing organisation only, matching the hash', async () => {
        const h = new PharmacyHarness().on('2026-01-02');
        await h.createPlan();
        const own = await h.call(BS_PHARMACIST, (ctx) => h.contract.GetPlanItems(ctx, 'RX-0001'));
        expect(JSON.parse(own.result as string)).toMatchObject({ planId: 'RX-0001', matchesLedger: true, items: [{ tmtId: METFORMIN }, { tmtId: AMLODIPINE }] });
        expectFailure(await h.call(BK_PHARMACIST, (ctx) => h.contract.GetPlanItems(ctx, 'RX-0001')), 'FORBIDDEN_UNIT');
    });

    it.each([
        ['a nurse', BS_NURSE, 'FORBIDDEN_ROLE'],
        ['a pharmacist', BS_PHARMACIST, 'FORBIDDEN_ROLE'],
        ['a volunteer', HC_VOLUNTEER, 'FORBIDDEN_ROLE'],
        ['a รพ.สต. clinician', HC_CLINICIAN, 'FORBIDDEN_UNIT'],
        ['a drugstore pharmacist', DRUGSTORE_PHARMACIST, 'FORBIDDEN_ROLE'],
    ] as const)('refuses a plan by %s', async (_label, who, code) => {
        const h = new PharmacyHarness();
        expectFailure(await h.call(who, (ctx) => h.contract.CreateRefillPlan(ctx, planPayload()), withItems()), code);
    });

    it.each([
        ['an unknown drug code', {}, [{ tmtId: '123456', quantity: 10 }], 'UNKNOWN_DRUG_CODE'],
        ['a zero quantity', {}, [{ tmtId: METFORMIN, quantity: 0 }], 'INVALID_ARGUMENT'],
        ['a negative quantity', {}, [{ tmtId: METFORMIN, quantity: -5 }], 'INVALID_ARGUMENT'],
        ['a fractional quantity', {}, [{ tmtId: METFORMIN, quantity: 1.5 }], 'INVALID_ARGUMENT'],
        ['a drug listed twice', {}, [ITEMS[0], ITEMS[0]], 'INVALID_ARGUMENT'],
        ['no items', {}, [], 'INVALID_ARGUMENT'],
        ['items that are not JSON', {}, '{', 'INVALID_ARGUMENT'],
        ['a bad plan id', { planId: 'x' }, ITEMS, 'INVALID_ARGUMENT'],
        ['a bad pseudonym', { patientPseudonym: '1234567890123' }, ITEMS, 'INVALID_ARGUMENT'],
        ['a date that does not exist', { startDate: '2026-02-30' }, ITEMS, 'INVALID_ARGUMENT'],
        ['an interval below the rule table', { intervalDays: 7 }, ITEMS, 'INVALID_ARGUMENT'],
        ['an interval above the rule table', { intervalDays: 200 }, ITEMS, 'INVALID_ARGUMENT'],
        ['zero cycles', { cycleCount: 0 }, ITEMS, 'INVALID_ARGUMENT'],
        ['more cycles than the rule table allows', { cycleCount: 13 }, ITEMS, 'INVALID_ARGUMENT'],
        ['an unknown channel', { channel: 'drone' }, ITEMS, 'INVALID_ARGUMENT'],
        ['a drugstore that is not a partner', { channel: 'drugstore', unitHcode: '99999' }, ITEMS, 'INVALID_ARGUMENT'],
        ['a health-centre channel without a รพ.สต.', { channel: 'health-centre' }, ITEMS, 'INVALID_ARGUMENT'],
        ['a hospital as a รพ.สต.', { channel: 'health-centre', unitHcode: '11138' }, ITEMS, 'INVALID_ARGUMENT'],
        ['an unknown unit', { channel: 'post', unitHcode: '12345' }, ITEMS, 'UNKNOWN_HCODE'],
        ['an override beyond the last cycle', { overrides: [{ cycle: 4, channel: 'post' }] }, ITEMS, 'INVALID_ARGUMENT'],
    ] as const)('refuses %s and writes nothing', async (_label, overrides, items, code) => {
        const h = new PharmacyHarness();
        const outcome = await h.call(BS_CLINICIAN, (ctx) => h.contract.CreateRefillPlan(ctx, planPayload(overrides)), withItems(items));
        expectFailure(outcome, code);
        expect(h.ledger.state.size).toBe(0);
    });

    it('refuses a plan without a transient item list', async () => {
        const h = new PharmacyHarness();
        expectFailure(await h.call(BS_CLINICIAN, (ctx) => h.contract.CreateRefillPlan(ctx, planPayload())), 'INVALID_ARGUMENT');
    });

    it('refuses a second plan with the same id (PLAN_EXISTS)', async () => {
        const h = new PharmacyHarness();
        await h.createPlan();
        expectFailure(await h.call(BS_CLINICIAN, (ctx) => h.contract.CreateRefillPlan(ctx, planPayload()), withItems()), 'PLAN_EXISTS');
    });

    it('refuses to store items on a peer of another organisation', async () => {
        const h = new PharmacyHarness();
        const outcome = await h.call(BS_CLINICIAN, (ctx) => h.contract.CreateRefillPlan(ctx, planPayload()), { ...withItems(), peerMspId: 'BangKhlaMSP' });
        expectFailure(outcome, 'FORBIDDEN_UNIT');
    });

    it('answers PLAN_NOT_FOUND for an unknown plan, and lets every staff role read a plan', async () => {
        const h = new PharmacyHarness();
        expectFailure(await h.call(BS_CLINICIAN, (ctx) => h.contract.GetRefillPlan(ctx, 'RX-404')), 'PLAN_NOT_FOUND');
        await h.createPlan();
        for (const who of [BK_PHARMACIST, HC_VOLUNTEER, BS_AUDITOR, DRUGSTORE_PHARMACIST]) {
            const { error } = await h.call(who, (ctx) => h.contract.GetRefillPlan(ctx, 'RX-0001'));
            expect(error).toBeUndefined();
        }
    });
});

describe('PharmacyContract: dispensing once per cycle', () => {
    async function planned(): Promise<PharmacyHarness> {
        const h = new PharmacyHarness().on('2026-01-02');
        await h.createPlan({ overrides: [{ cycle: 2, channel: 'health-centre', unitHcode: '03999' }] });
        return h.on('2026-01-05');
    }

    it('records the unit, the dispenser, the time, the channel and the hash of the dispensed items', async () => {
        const h = await planned();
        const outcome = await h.dispense(BS_PHARMACIST, 1);
        expect(outcome.error).toBeUndefined();
        const cycle = JSON.parse(outcome.result as string) as RefillCycle;
        expect(cycle.status).toBe('dispensed');
        expect(cycle.dispense).toEqual({
            at: '2026-01-05T03:00:00.123Z',
            txId: outcome.txId,
            dispenser: { name: 'rx.bs01', role: 'pharmacist', mspId: 'BuddhasothornMSP', hcode: '10697' },
            unitHcode: '10697',
            unitMsp: 'BuddhasothornMSP',
            channel: 'hospital-pharmacy',
            itemsHash: itemsHash('RX-0001', ITEMS),
            matchesPlan: true,
        });
        // the dispensed items stay with the dispensing organisation; the key now needs both organisations
        expect(h.ledger.privateState.get('_implicit_org_BuddhasothornMSP')?.has('RX-0001/001')).toBe(true);
        expect(h.ledger.validationParameters.has(CYCLE_KEY('RX-0001', 1))).toBe(true);
        expect((await h.cycle(1)).status).toBe('dispensed');
    });

    it('writes exactly one public key per dispense: the cycle', async () => {
        const h = await planned();
        const outcome = await h.dispense(BS_PHARMACIST, 1);
        expect([...outcome.writes.puts.keys()]).toEqual([CYCLE_KEY('RX-0001', 1)]);
    });

    it('refuses a second dispense of the same cycle with ALREADY_DISPENSED, from any organisation', async () => {
        const h = await planned();
        expect((await h.dispense(BS_PHARMACIST, 1)).error).toBeUndefined();
        for (const who of [BS_PHARMACIST, BK_PHARMACIST, BK_HC_NURSE, DRUGSTORE_PHARMACIST]) {
            const error = expectFailure(await h.dispense(who, 1), 'ALREADY_DISPENSED');
            expect(error.details).toMatchObject({ planId: 'RX-0001', cycle: 1, unitHcode: '10697' });
        }
    });

    it('lets exactly one of two simultaneous dispenses commit; the other fails MVCC, and its retry gets ALREADY_DISPENSED', async () => {
        const h = await planned();
        const [first, second] = await raceTransactions(h.ledger, [
            { who: BS_PHARMACIST, fn: (ctx) => h.contract.DispenseCycle(ctx, 'RX-0001', '1', ''), options: withItems() },
            { who: BK_PHARMACIST, fn: (ctx) => h.contract.DispenseCycle(ctx, 'RX-0001', '1', ''), options: withItems() },
        ]);
        expect(first?.error).toBeUndefined();
        expect(second?.error).toBeInstanceOf(MvccReadConflict);
        expect((second?.error as MvccReadConflict).key).toBe(CYCLE_KEY('RX-0001', 1));
        expect((await h.cycle(1)).dispense?.unitHcode).toBe('10697');
        expectFailure(await h.dispense(BK_PHARMACIST, 1), 'ALREADY_DISPENSED');
    });

    it('50 concurrent dispenses of one cycle from different organisations: 1 commits, 49 are refused', async () => {
        const h = await planned();
        const dispensers = [BS_PHARMACIST, BK_PHARMACIST, BK_HC_NURSE, HC_NURSE, DRUGSTORE_PHARMACIST];
        const outcomes = await raceTransactions(
            h.ledger,
            Array.from({ length: 50 }, (_, index) => ({
                who: dispensers[index % dispensers.length] ?? BS_PHARMACIST,
                fn: (ctx: Parameters<typeof h.contract.DispenseCycle>[0]) => h.contract.DispenseCycle(ctx, 'RX-0001', '1', ''),
                options: withItems(),
            })),
        );
        expect(outcomes.filter((o) => o.error === undefined)).toHaveLength(1);
        const refused = outcomes.filter((o) => o.error !== undefined);
        expect(refused).toHaveLength(49);
        expect(refused.every((o) => o.error instanceof MvccReadConflict)).toBe(true);
        // the gateway retries a conflicted submit once: every retry is refused with the stable code
        const retries = await Promise.all(refused.slice(0, 5).map((_, index) => h.dispense(dispensers[index] ?? BS_PHARMACIST, 1)));
        for (const retry of retries) expectFailure(retry, 'ALREADY_DISPENSED');
        const history = h.ledger.history.get(CYCLE_KEY('RX-0001', 1)) ?? [];
        expect(history.filter((record) => (decodeJson(record.value) as RefillCycle).status === 'dispensed')).toHaveLength(1);
    });

    it('a channel change racing a dispense of the same cycle conflicts on the cycle key', async () => {
        const h = await planned();
        const [dispense, change] = await raceTransactions<string>(h.ledger, [
            { who: BS_PHARMACIST, fn: (ctx) => h.contract.DispenseCycle(ctx, 'RX-0001', '1', ''), options: withItems() },
            { who: BS_CLINICIAN, fn: (ctx) => h.contract.ChangeCycleChannel(ctx, 'RX-0001', '1', 'post', '', 'false') },
        ]);
        expect(dispense?.error).toBeUndefined();
        expect(change?.error).toBeInstanceOf(MvccReadConflict);
    });

    it('refuses a refill before the interval minus the tolerance (TOO_EARLY), and accepts it on the first allowed day', async () => {
        const h = await planned();
        expect((await h.dispense(BS_PHARMACIST, 1)).error).toBeUndefined();
        // 2026-01-05 + 28 days - 7 days tolerance = 2026-01-26
        const early = expectFailure(await h.on('2026-01-25').dispense(HC_NURSE, 2), 'TOO_EARLY');
        expect(early.details).toMatchObject({ earliest: '2026-01-26', today: '2026-01-25', ruleId: 'refill-2026-01' });
        const onTime = await h.on('2026-01-26').dispense(HC_NURSE, 2);
        expect(onTime.error).toBeUndefined();
        expect((JSON.parse(onTime.result as string) as RefillCycle).dispense).toMatchObject({ unitHcode: '03999', channel: 'health-centre' });
    });

    it('measures the interval from the previous dispense day, in Asia/Bangkok time', async () => {
        const h = await planned();
        // 2026-01-05 23:30 Bangkok = 16:30 UTC
        h.ledger.clockSeconds = Date.parse('2026-01-05T16:30:00Z') / 1000;
        expect((await h.dispense(BS_PHARMACIST, 1)).error).toBeUndefined();
        expectFailure(await h.on('2026-01-25').dispense(BS_PHARMACIST, 2), 'TOO_EARLY');
        expect((await h.on('2026-01-26').dispense(BS_PHARMACIST, 2)).error).toBeUndefined();
    });

    it('refuses cycle 1 more than the tolerance before the start date', async () => {
        const h = new PharmacyHarness().on('2026-01-02');
        await h.createPlan({ startDate: '2026-01-20' });
        expectFailure(await h.on('2026-01-12').dispense(BS_PHARMACIST, 1), 'TOO_EARLY');
        expect((await h.on('2026-01-13').dispense(BS_PHARMACIST, 1)).error).toBeUndefined();
    });

    it('refuses a cycle whose previous cycle is not dispensed (INVALID_TRANSITION)', async () => {
        const h = await planned();
        expectFailure(await h.on('2026-03-01').dispense(BS_PHARMACIST, 2), 'INVALID_TRANSITION');
    });

    it('records a flag, not a refusal, when the dispensed items differ from the plan', async () => {
        const h = await planned();
        const outcome = await h.dispense(BS_PHARMACIST, 1, { items: [{ tmtId: METFORMIN, quantity: 90 }] });
        expect((JSON.parse(outcome.result as string) as RefillCycle).dispense?.matchesPlan).toBe(false);
    });

    it.each([
        ['a clinician', BS_CLINICIAN, 'FORBIDDEN_ROLE'],
        ['a hospital nurse', BS_NURSE, 'FORBIDDEN_ROLE'],
        ['a volunteer', HC_VOLUNTEER, 'FORBIDDEN_ROLE'],
        ['an auditor', BS_AUDITOR, 'FORBIDDEN_ROLE'],
        ['an organisation claiming a partner drugstore', FAKE_DRUGSTORE_PHARMACIST, 'FORBIDDEN_UNIT'],
    ] as const)('refuses a dispense by %s and writes nothing', async (_label, who, code) => {
        const h = await planned();
        expectFailure(await h.dispense(who, 1), code);
    });

    it.each([
        ['an unknown plan', { planId: 'RX-404' }, 1, 'PLAN_NOT_FOUND'],
        ['a cycle beyond the plan', {}, 4, 'INVALID_ARGUMENT'],
        ['an unknown drug code', { items: [{ tmtId: '000000', quantity: 1 }] }, 1, 'UNKNOWN_DRUG_CODE'],
        ['a zero quantity', { items: [{ tmtId: METFORMIN, quantity: 0 }] }, 1, 'INVALID_ARGUMENT'],
        ['an unknown channel', { channel: 'drone' }, 1, 'INVALID_ARGUMENT'],
        ['a channel the unit cannot serve', { channel: 'drugstore' }, 1, 'INVALID_ARGUMENT'],
    ] as const)('refuses a dispense of %s and writes nothing', async (_label, options, cycle, code) => {
        const h = await planned();
        expectFailure(await h.dispense(BS_PHARMACIST, cycle, options), code);
    });

    it('lets a partner drugstore dispense through the drugstore channel, and a hospital by post', async () => {
        const h = new PharmacyHarness().on('2026-01-02');
        await h.createPlan({ channel: 'drugstore', unitHcode: '90001' });
        const store = await h.on('2026-01-05').dispense(DRUGSTORE_PHARMACIST, 1);
        expect((JSON.parse(store.result as string) as RefillCycle).dispense).toMatchObject({ channel: 'drugstore', unitMsp: 'ChachoengsaoPharmacyNetworkMSP' });
        const post = await h.on('2026-02-01').dispense(BS_PHARMACIST, 2, { channel: 'post' });
        expect((JSON.parse(post.result as string) as RefillCycle).dispense).toMatchObject({ channel: 'post', unitHcode: '10697' });
    });
});

describe('PharmacyContract: channel of a future cycle', () => {
    async function planned(): Promise<PharmacyHarness> {
        const h = new PharmacyHarness().on('2026-01-02');
        await h.createPlan();
        return h;
    }

    it('lets staff of the prescribing organisation move a future cycle to a รพ.สต., on the patient\'s request', async () => {
        const h = await planned();
        const outcome = await h.call(BS_PHARMACIST, (ctx) => h.contract.ChangeCycleChannel(ctx, 'RX-0001', '2', 'health-centre', '03999', 'true'));
        expect(outcome.error).toBeUndefined();
        const cycle = await h.cycle(2);
        expect(cycle).toMatchObject({ channel: 'health-centre', unitHcode: '03999', status: 'scheduled' });
        expect(cycle.channelChanges).toEqual([
            {
                at: expect.any(String) as string,
                by: { name: 'rx.bs01', role: 'pharmacist', mspId: 'BuddhasothornMSP', hcode: '10697' },
                onBehalfOfPatient: true,
                from: { channel: 'hospital-pharmacy', unitHcode: '10697' },
                to: { channel: 'health-centre', unitHcode: '03999' },
            },
        ]);
        expect([...outcome.writes.puts.keys()]).toEqual([CYCLE_KEY('RX-0001', 2)]);
    });

    it('lets the planned unit (another organisation) hand a cycle on, and refuses an unrelated unit', async () => {
        const h = new PharmacyHarness().on('2026-01-02');
        await h.createPlan({ channel: 'health-centre', unitHcode: '03903' });
        expect((await h.call(BK_HC_NURSE, (ctx) => h.contract.ChangeCycleChannel(ctx, 'RX-0001', '1', 'volunteer', '03903', 'false'))).error).toBeUndefined();
        expectFailure(await h.call(BK_CLINICIAN, (ctx) => h.contract.ChangeCycleChannel(ctx, 'RX-0001', '2', 'post', '11138', 'false')), 'FORBIDDEN_UNIT');
    });

    it('refuses to change a dispensed cycle (ALREADY_DISPENSED)', async () => {
        const h = await planned();
        await h.on('2026-01-05').dispense(BS_PHARMACIST, 1);
        expectFailure(await h.call(BS_CLINICIAN, (ctx) => h.contract.ChangeCycleChannel(ctx, 'RX-0001', '1', 'post', '', 'false')), 'ALREADY_DISPENSED');
    });

    it.each([
        ['a volunteer', HC_VOLUNTEER, ['RX-0001', '2', 'post', '', 'false'], 'FORBIDDEN_ROLE'],
        ['an unknown plan', BS_CLINICIAN, ['RX-404', '2', 'post', '', 'false'], 'PLAN_NOT_FOUND'],
        ['a cycle beyond the plan', BS_CLINICIAN, ['RX-0001', '9', 'post', '', 'false'], 'INVALID_ARGUMENT'],
        ['cycle zero', BS_CLINICIAN, ['RX-0001', '0', 'post', '', 'false'], 'INVALID_ARGUMENT'],
        ['an unknown channel', BS_CLINICIAN, ['RX-0001', '2', 'fax', '', 'false'], 'INVALID_ARGUMENT'],
        ['a bad onBehalfOfPatient', BS_CLINICIAN, ['RX-0001', '2', 'post', '', 'yes'], 'INVALID_ARGUMENT'],
    ] as const)('refuses a change by or with %s', async (_label, who, args, code) => {
        const h = await planned();
        const [planId, cycle, channel, unit, patient] = args;
        expectFailure(await h.call(who, (ctx) => h.contract.ChangeCycleChannel(ctx, planId, cycle, channel, unit, patient)), code);
    });
});

describe('cycle keys', () => {
    it('sort by cycle number', async () => {
        const ledger = new FakeLedger();
        const { result } = await ledger.invoke(BS_CLINICIAN, (ctx) => Promise.resolve([cycleKey(ctx, 'P', 2), cycleKey(ctx, 'P', 10)]));
        expect([...(result ?? [])].sort()).toEqual(result);
    });

    it('errors carry their code in the message', () => {
        expect(new ChaincodeError('TOO_EARLY', 'x').message).toBe('TOO_EARLY: x');
    });
});
