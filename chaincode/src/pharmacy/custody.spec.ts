import { expectFailure } from '../test-support/referral-harness';
import {
    BK_PHARMACIST,
    BK_VOLUNTEER,
    BS_CLINICIAN,
    BS_PHARMACIST,
    CONFIRMATION_CODE,
    HC_NURSE,
    HC_VOLUNTEER,
    HC_VOLUNTEER_2,
    PharmacyHarness,
} from '../test-support/pharmacy-harness';
import type { FakeIdentity, InvokeResult } from '../test-support/fake-ledger';
import { confirmationHash } from './custody';
import type { RefillCycle } from './refill-plan';

function step(h: PharmacyHarness, who: FakeIdentity, name: string, options: { tracking?: string; code?: string | null } = {}): Promise<InvokeResult<string>> {
    const transient: Record<string, string> = options.code === null ? {} : { confirmationCode: options.code ?? CONFIRMATION_CODE };
    return h.call(who, (ctx) => h.contract.RecordCustodyStep(ctx, 'RX-0001', '1', name, options.tracking ?? ''), { transient });
}

async function dispensedFor(channel: 'post' | 'volunteer'): Promise<PharmacyHarness> {
    const h = new PharmacyHarness().on('2026-01-02');
    await h.createPlan({ channel });
    const outcome = await h.on('2026-01-05').dispense(BS_PHARMACIST, 1);
    expect(outcome.error).toBeUndefined();
    return h;
}

describe('PharmacyContract: chain of custody', () => {
    it('starts a custody record with a deadline from the rule table and only the hash of the one-time code', async () => {
        const h = await dispensedFor('post');
        const cycle = await h.cycle(1);
        expect(cycle.custody).toEqual({ status: 'dispensed', confirmBy: '2026-01-12', confirmationHash: confirmationHash('RX-0001', 1, CONFIRMATION_CODE), steps: [] });
        const text = [...h.ledger.state.values()].map((b) => Buffer.from(b).toString('utf8')).join('\n');
        expect(text).not.toContain(CONFIRMATION_CODE);
        const volunteer = await dispensedFor('volunteer');
        expect((await volunteer.cycle(1)).custody?.confirmBy).toBe('2026-01-08');
    });

    it('requires a strong one-time code for a delivery dispense, and none for the counter', async () => {
        const h = new PharmacyHarness().on('2026-01-02');
        await h.createPlan({ channel: 'post' });
        const weak = await h.on('2026-01-05').call(BS_PHARMACIST, (ctx) => h.contract.DispenseCycle(ctx, 'RX-0001', '1', ''), { transient: { items: JSON.stringify([{ tmtId: '990001', quantity: 1 }]), confirmationCode: '1234' } });
        expectFailure(weak, 'INVALID_ARGUMENT');
        const counter = await h.dispense(BS_PHARMACIST, 1, { channel: 'hospital-pharmacy' });
        expect((JSON.parse(counter.result as string) as RefillCycle).custody).toBeUndefined();
    });

    it('records post custody: packed → handed to the post with a tracking number → delivered with the code', async () => {
        const h = await dispensedFor('post');
        expect((await step(h, BS_PHARMACIST, 'packed')).error).toBeUndefined();
        expectFailure(await step(h, BS_PHARMACIST, 'handed-to-post'), 'INVALID_ARGUMENT');
        expect((await step(h, BS_PHARMACIST, 'handed-to-post', { tracking: 'EF123456789TH' })).error).toBeUndefined();
        expectFailure(await step(h, BS_PHARMACIST, 'delivered', { code: 'WRONGWRONGWRONG1' }), 'CONFIRMATION_MISMATCH');
        const delivered = await step(h, BS_PHARMACIST, 'delivered');
        expect(delivered.error).toBeUndefined();
        const custody = (JSON.parse(delivered.result as string) as RefillCycle).custody;
        expect(custody?.status).toBe('delivered');
        expect(custody?.trackingNumber).toBe('EF123456789TH');
        expect(custody?.steps.map((s) => [s.step, s.by.name])).toEqual([
            ['packed', 'rx.bs01'],
            ['handed-to-post', 'rx.bs01'],
            ['delivered', 'rx.bs01'],
        ]);
        expectFailure(await step(h, BS_PHARMACIST, 'returned'), 'INVALID_TRANSITION');
    });

    it('records volunteer custody: picked up by an อสม. of the dispensing organisation, delivered by the same อสม.', async () => {
        const h = await dispensedFor('volunteer');
        expectFailure(await step(h, BK_VOLUNTEER, 'picked-up'), 'FORBIDDEN_UNIT');
        expectFailure(await step(h, BS_PHARMACIST, 'picked-up'), 'FORBIDDEN_ROLE');
        expect((await step(h, HC_VOLUNTEER, 'picked-up')).error).toBeUndefined();
        // a confirmation by the wrong person
        expectFailure(await step(h, HC_VOLUNTEER_2, 'delivered'), 'FORBIDDEN_UNIT');
        expectFailure(await step(h, BS_PHARMACIST, 'delivered'), 'FORBIDDEN_ROLE');
        expectFailure(await step(h, HC_VOLUNTEER, 'delivered', { code: null }), 'INVALID_ARGUMENT');
        expect((await step(h, HC_VOLUNTEER, 'delivered')).error).toBeUndefined();
        expect((await h.cycle(1)).custody?.status).toBe('delivered');
    });

    it('lets the volunteer mark a delivery returned without the code', async () => {
        const h = await dispensedFor('volunteer');
        await step(h, HC_VOLUNTEER, 'picked-up');
        expect((await step(h, HC_VOLUNTEER, 'returned', { code: null })).error).toBeUndefined();
        expect((await h.cycle(1)).custody?.status).toBe('returned');
    });

    it.each([
        ['a step out of order', BS_PHARMACIST, 'handed-to-post', 'INVALID_TRANSITION'],
        ['a volunteer step on a post delivery', BS_PHARMACIST, 'picked-up', 'INVALID_TRANSITION'],
        ['another unit packing', BK_PHARMACIST, 'packed', 'FORBIDDEN_UNIT'],
        ['a รพ.สต. nurse of another unit', HC_NURSE, 'packed', 'FORBIDDEN_UNIT'],
        ['a clinician', BS_CLINICIAN, 'packed', 'FORBIDDEN_ROLE'],
        ['an unknown step', BS_PHARMACIST, 'lost', 'INVALID_ARGUMENT'],
    ] as const)('refuses %s', async (_label, who, name, code) => {
        const h = await dispensedFor('post');
        expectFailure(await step(h, who, name, { tracking: 'EF123456789TH' }), code);
    });

    it('refuses custody on a cycle dispensed at the counter or not dispensed', async () => {
        const h = new PharmacyHarness().on('2026-01-02');
        await h.createPlan();
        expectFailure(await step(h, BS_PHARMACIST, 'packed'), 'INVALID_TRANSITION');
        await h.on('2026-01-05').dispense(BS_PHARMACIST, 1);
        expectFailure(await step(h, BS_PHARMACIST, 'packed'), 'INVALID_TRANSITION');
    });
});
