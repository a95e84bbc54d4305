import type { Context } from 'fabric-contract-api';
import { ChaincodeError } from '../errors/chaincode-error';
import type { ErrorCode } from '../errors/error-code';
import { decodeJson, FakeLedger, identity, type FakeIdentity, type InvokeResult } from '../test-support/fake-ledger';
import type { EmsCase } from './ems-case';
import { EmsContract } from './ems-contract';

const DISPATCHER = identity('BuddhasothornMSP', 'dispatcher', '10697', 'dispatcher.1669');
const CREW_BKL = identity('BangKhlaMSP', 'ems-crew', '11138', 'crew.bkl-als-1');
const CREW_BSH = identity('BuddhasothornMSP', 'ems-crew', '10697', 'crew.bsh-als-1');
const ER_BSH = identity('BuddhasothornMSP', 'er-physician', '10697', 'er.buddhasothorn');
const ER_BKL = identity('BangKhlaMSP', 'er-physician', '11138', 'er.bangkhla');
const NURSE_BSH = identity('BuddhasothornMSP', 'nurse', '10697', 'nurse.buddhasothorn');
const FOREIGN_DISPATCHER = identity('BangPakongMSP', 'dispatcher', '11140', 'dispatcher.bp');
const PSEUDONYM = 'c'.repeat(64);
const KEY = (id: string): string => `\u0000ems-case\u0000${id}\u0000`;

const OPEN = JSON.stringify({ caseId: 'EMS-1', colour: 'red', criteriaVersion: 'cco-cbd-2026.1', complaintCode: 'chest-pain', patientPseudonym: PSEUDONYM });
const DISPATCH = JSON.stringify({ unitId: 'BKL-ALS-1', unitHcode: '11138', unitLevel: 'ALS' });

class Harness {
    readonly ledger = new FakeLedger();
    readonly contract = new EmsContract();

    call<T>(who: FakeIdentity, fn: (c: EmsContract, ctx: Context) => Promise<T>, transient?: Record<string, string>): Promise<InvokeResult<T>> {
        const { peer, ...rest } = transient ?? {};
        return this.ledger.invoke(who, async (ctx) => fn(this.contract, ctx), { transient: rest, ...(peer === undefined ? {} : { peerMspId: peer }) });
    }

    async ok(who: FakeIdentity, fn: (c: EmsContract, ctx: Context) => Promise<string>, transient?: Record<string, string>): Promise<EmsCase> {
        const out = await this.call(who, fn, transient);
        if (out.error !== undefined) {
            throw out.error as Error;
        }
        return JSON.parse(out.result ?? '') as EmsCase;
    }

    stored(id = 'EMS-1'): EmsCase {
        return decodeJson(this.ledger.state.get(KEY(id))) as EmsCase;
    }

    policyOrgs(id = 'EMS-1'): string[] {
        const bytes = Buffer.from(this.ledger.validationParameters.get(KEY(id)) ?? new Uint8Array());
        return ['BuddhasothornMSP', 'BangKhlaMSP', 'BangPakongMSP'].filter((msp) => bytes.includes(Buffer.from(msp)));
    }

    /** Opens EMS-1 and brings it to `upTo`. */
    async walk(upTo: 'open' | 'dispatched' | 'at-hospital' | 'handover-signed', crew = CREW_BKL, dispatch = DISPATCH): Promise<void> {
        await this.ok(DISPATCHER, async (c, ctx) => c.OpenCase(ctx, OPEN));
        if (upTo === 'open') return;
        await this.ok(DISPATCHER, async (c, ctx) => c.RecordMilestone(ctx, 'EMS-1', 'dispatched', dispatch));
        if (upTo === 'dispatched') return;
        await this.ok(crew, async (c, ctx) => c.RecordMilestone(ctx, 'EMS-1', 'departed', ''));
        await this.ok(crew, async (c, ctx) => c.RecordMilestone(ctx, 'EMS-1', 'on-scene', '{}'));
        await this.ok(crew, async (c, ctx) => c.RecordMilestone(ctx, 'EMS-1', 'left-scene', JSON.stringify({ destinationHcode: '10697' })));
        await this.ok(crew, async (c, ctx) => c.RecordMilestone(ctx, 'EMS-1', 'at-hospital', '{}'));
        if (upTo === 'at-hospital') return;
        await this.ok(crew, async (c, ctx) => c.HandOver(ctx, 'EMS-1'));
    }
}

function expectFailure(outcome: InvokeResult<unknown>, code: ErrorCode): void {
    expect(outcome.error).toBeInstanceOf(ChaincodeError);
    expect((outcome.error as ChaincodeError).code).toBe(code);
    expect(FakeLedger.writeCount(outcome.writes)).toBe(0);
}

describe('EmsContract', () => {
    it('opens a pseudonymous case signed by the dispatcher, with the triage colour and the criteria version', async () => {
        const h = new Harness();
        const c = await h.ok(DISPATCHER, async (k, ctx) => k.OpenCase(ctx, OPEN));
        expect(c).toEqual(
            expect.objectContaining({ caseId: 'EMS-1', colour: 'red', criteriaVersion: 'cco-cbd-2026.1', patientPseudonym: PSEUDONYM, status: 'call-received', hubMsp: 'BuddhasothornMSP' }),
        );
        expect(c.steps[0]).toEqual(expect.objectContaining({ milestone: 'call-received', by: 'dispatcher.1669', role: 'dispatcher', mspId: 'BuddhasothornMSP', txId: 'tx0001' }));
        expect(h.ledger.events.map((e) => e.name)).toEqual(['EmsCaseChanged']);
    });

    it.each([
        ['not JSON', '{', 'INVALID_ARGUMENT'],
        ['an unknown field (a phone number)', JSON.stringify({ ...JSON.parse(OPEN), callerNumber: '0812345678' }), 'INVALID_ARGUMENT'],
        ['a national ID as pseudonym', JSON.stringify({ ...JSON.parse(OPEN), patientPseudonym: '1101700230708' }), 'INVALID_ARGUMENT'],
        ['an unknown colour', JSON.stringify({ ...JSON.parse(OPEN), colour: 'black' }), 'INVALID_ARGUMENT'],
    ])('refuses a case with %s', async (_what, payload, code) => {
        const h = new Harness();
        expectFailure(await h.call(DISPATCHER, async (k, ctx) => k.OpenCase(ctx, payload)), code as ErrorCode);
    });

    it('refuses a second case under the same id and non-dispatchers', async () => {
        const h = new Harness();
        await h.walk('open');
        expectFailure(await h.call(DISPATCHER, async (k, ctx) => k.OpenCase(ctx, OPEN)), 'EMS_CASE_EXISTS');
        expectFailure(await h.call(NURSE_BSH, async (k, ctx) => k.OpenCase(ctx, OPEN.replace('EMS-1', 'EMS-2'))), 'FORBIDDEN_ROLE');
        expectFailure(await h.call(CREW_BSH, async (k, ctx) => k.OpenCase(ctx, OPEN.replace('EMS-1', 'EMS-2'))), 'FORBIDDEN_ROLE');
    });

    it('dispatch records the unit and requires the hub and the unit organisation for later changes', async () => {
        const h = new Harness();
        await h.walk('dispatched');
        expect(h.stored()).toEqual(expect.objectContaining({ status: 'dispatched', unitId: 'BKL-ALS-1', unitMsp: 'BangKhlaMSP', unitLevel: 'ALS' }));
        expect(h.policyOrgs()).toEqual(['BuddhasothornMSP', 'BangKhlaMSP']);
        expectFailure(await h.call(DISPATCHER, async (k, ctx) => k.RecordMilestone(ctx, 'EMS-1', 'dispatched', DISPATCH)), 'INVALID_TRANSITION');
    });

    it('refuses a dispatch by another organisation, to an unknown hospital or a health centre', async () => {
        const h = new Harness();
        await h.walk('open');
        expectFailure(await h.call(FOREIGN_DISPATCHER, async (k, ctx) => k.RecordMilestone(ctx, 'EMS-1', 'dispatched', DISPATCH)), 'FORBIDDEN_UNIT');
        expectFailure(await h.call(DISPATCHER, async (k, ctx) => k.RecordMilestone(ctx, 'EMS-1', 'dispatched', DISPATCH.replace('11138', '99999'))), 'UNKNOWN_HCODE');
        expectFailure(await h.call(DISPATCHER, async (k, ctx) => k.RecordMilestone(ctx, 'EMS-1', 'dispatched', DISPATCH.replace('11138', '03999'))), 'INVALID_ARGUMENT');
        expectFailure(await h.call(DISPATCHER, async (k, ctx) => k.RecordMilestone(ctx, 'EMS-404', 'dispatched', DISPATCH)), 'EMS_CASE_NOT_FOUND');
        expectFailure(await h.call(DISPATCHER, async (k, ctx) => k.RecordMilestone(ctx, 'EMS-1', 'teleported', '{}')), 'INVALID_ARGUMENT');
    });

    it('only the unit crew records mission milestones, in order', async () => {
        const h = new Harness();
        await h.walk('dispatched');
        expectFailure(await h.call(CREW_BSH, async (k, ctx) => k.RecordMilestone(ctx, 'EMS-1', 'departed', '')), 'FORBIDDEN_UNIT');
        expectFailure(await h.call(DISPATCHER, async (k, ctx) => k.RecordMilestone(ctx, 'EMS-1', 'departed', '')), 'FORBIDDEN_ROLE');
        expectFailure(await h.call(CREW_BKL, async (k, ctx) => k.RecordMilestone(ctx, 'EMS-1', 'at-hospital', '')), 'INVALID_TRANSITION');
        await h.ok(CREW_BKL, async (k, ctx) => k.RecordMilestone(ctx, 'EMS-1', 'departed', ''));
        await h.ok(CREW_BKL, async (k, ctx) => k.RecordMilestone(ctx, 'EMS-1', 'on-scene', ''));
        expectFailure(await h.call(CREW_BKL, async (k, ctx) => k.RecordMilestone(ctx, 'EMS-1', 'left-scene', '{}')), 'INVALID_ARGUMENT');
    });

    it('leaving the scene names the receiving hospital, which then must endorse with the crew organisation', async () => {
        const h = new Harness();
        await h.walk('at-hospital');
        const c = h.stored();
        expect(c.status).toBe('at-hospital');
        expect(c.destinationMsp).toBe('BuddhasothornMSP');
        expect(c.steps.map((s) => s.milestone)).toEqual(['call-received', 'dispatched', 'departed', 'on-scene', 'left-scene', 'at-hospital']);
        expect(c.steps.slice(2).every((s) => s.by === 'crew.bkl-als-1' && s.mspId === 'BangKhlaMSP')).toBe(true);
        expect(h.policyOrgs()).toEqual(['BuddhasothornMSP', 'BangKhlaMSP']);
    });

    it('hand-over: the crew signs first, then the receiving ER physician co-signs', async () => {
        const h = new Harness();
        await h.walk('at-hospital');
        expectFailure(await h.call(ER_BSH, async (k, ctx) => k.AcceptHandOver(ctx, 'EMS-1')), 'HANDOVER_NOT_SIGNED');
        expectFailure(await h.call(ER_BSH, async (k, ctx) => k.HandOver(ctx, 'EMS-1')), 'FORBIDDEN_ROLE');
        await h.ok(CREW_BKL, async (k, ctx) => k.HandOver(ctx, 'EMS-1'));
        expectFailure(await h.call(ER_BKL, async (k, ctx) => k.AcceptHandOver(ctx, 'EMS-1')), 'FORBIDDEN_UNIT');
        expectFailure(await h.call(CREW_BKL, async (k, ctx) => k.AcceptHandOver(ctx, 'EMS-1')), 'FORBIDDEN_ROLE');
        const done = await h.ok(ER_BSH, async (k, ctx) => k.AcceptHandOver(ctx, 'EMS-1'));
        expect(done.status).toBe('handed-over');
        expect(done.handover?.crew).toEqual(expect.objectContaining({ by: 'crew.bkl-als-1', mspId: 'BangKhlaMSP' }));
        expect(done.handover?.receiver).toEqual(expect.objectContaining({ by: 'er.buddhasothorn', mspId: 'BuddhasothornMSP', hcode: '10697' }));
        expectFailure(await h.call(ER_BSH, async (k, ctx) => k.AcceptHandOver(ctx, 'EMS-1')), 'INVALID_TRANSITION');
        expectFailure(await h.call(CREW_BKL, async (k, ctx) => k.HandOver(ctx, 'EMS-1')), 'INVALID_TRANSITION');
    });

    it('a unit may be stood down before the hospital by the hub dispatcher or the crew, not after', async () => {
        const h = new Harness();
        await h.walk('dispatched');
        const c = await h.ok(DISPATCHER, async (k, ctx) => k.RecordMilestone(ctx, 'EMS-1', 'stood-down', JSON.stringify({ note: 'call cancelled' })));
        expect(c.status).toBe('stood-down');
        expect(c.steps.at(-1)?.note).toBe('call cancelled');
        expectFailure(await h.call(CREW_BKL, async (k, ctx) => k.RecordMilestone(ctx, 'EMS-1', 'departed', '')), 'INVALID_TRANSITION');
        const h2 = new Harness();
        await h2.walk('at-hospital');
        expectFailure(await h2.call(CREW_BKL, async (k, ctx) => k.RecordMilestone(ctx, 'EMS-1', 'stood-down', '')), 'INVALID_TRANSITION');
    });

    it('GetCase reads the case; unknown ids are EMS_CASE_NOT_FOUND', async () => {
        const h = new Harness();
        await h.walk('open');
        const read = await h.call(ER_BSH, async (k, ctx) => k.GetCase(ctx, 'EMS-1'));
        expect(JSON.parse(read.result ?? '{}')).toEqual(expect.objectContaining({ caseId: 'EMS-1' }));
        expectFailure(await h.call(ER_BSH, async (k, ctx) => k.GetCase(ctx, 'EMS-9')), 'EMS_CASE_NOT_FOUND');
        expectFailure(await h.call(ER_BSH, async (k, ctx) => k.GetCase(ctx, 'bad id!')), 'INVALID_ARGUMENT');
    });

    describe('clinical notes in the private collection of the crew organisation and the receiving hospital', () => {
        const NOTE = { clinicalNote: JSON.stringify({ noteId: 'N1', text: 'STEMI suspected, aspirin 300 mg given' }) };

        it('the crew adds a note: text in clinical_<unit>_<hospital>, only its hash and signer on the case', async () => {
            const h = new Harness();
            await h.walk('at-hospital');
            const c = await h.ok(CREW_BKL, async (k, ctx) => k.AddClinicalNote(ctx, 'EMS-1'), NOTE);
            expect(c.notes).toEqual([expect.objectContaining({ noteId: 'N1', by: 'crew.bkl-als-1', mspId: 'BangKhlaMSP' })]);
            expect(JSON.stringify(h.stored())).not.toContain('aspirin');
            const collection = h.ledger.privateState.get('clinical_BangKhlaMSP_BuddhasothornMSP');
            expect(collection).toBeDefined();
            expect(Buffer.from(collection?.get('ems-note:EMS-1:N1') ?? new Uint8Array()).toString('utf8')).toContain('aspirin');
            const read = await h.call(ER_BSH, async (k, ctx) => k.ReadClinicalNotes(ctx, 'EMS-1'));
            const notes = JSON.parse(read.result ?? '{}') as { notes: { text: string; hashMatches: boolean }[] };
            expect(notes.notes).toEqual([expect.objectContaining({ text: 'STEMI suspected, aspirin 300 mg given', hashMatches: true })]);
            // a retry with the same note id writes nothing new
            const again = await h.ok(CREW_BKL, async (k, ctx) => k.AddClinicalNote(ctx, 'EMS-1'), NOTE);
            expect(again.notes).toHaveLength(1);
        });

        it('refuses outsiders, a case without a receiving hospital and a peer of another organisation', async () => {
            const h = new Harness();
            await h.walk('dispatched');
            expectFailure(await h.call(CREW_BKL, async (k, ctx) => k.AddClinicalNote(ctx, 'EMS-1'), NOTE), 'INVALID_TRANSITION');
            const h2 = new Harness();
            await h2.walk('at-hospital');
            expectFailure(await h2.call(ER_BKL, async (k, ctx) => k.AddClinicalNote(ctx, 'EMS-1'), NOTE), 'FORBIDDEN_UNIT');
            expectFailure(await h2.call(NURSE_BSH, async (k, ctx) => k.AddClinicalNote(ctx, 'EMS-1'), NOTE), 'FORBIDDEN_ROLE');
            expectFailure(await h2.call(CREW_BKL, async (k, ctx) => k.AddClinicalNote(ctx, 'EMS-1'), { clinicalNote: '{"noteId":"N2","text":"x","phone":"1"}' }), 'INVALID_ARGUMENT');
            expectFailure(await h2.call(CREW_BKL, async (k, ctx) => k.AddClinicalNote(ctx, 'EMS-1'), { ...NOTE, peer: 'BangPakongMSP' }), 'FORBIDDEN_UNIT');
        });
    });
});
