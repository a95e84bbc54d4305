import { FakeLedger, decodeJson } from '../test-support/fake-ledger';
import { BUDDHASOTHORN_NURSE, expectFailure, PROVINCIAL_AUDITOR } from '../test-support/referral-harness';
import {
    adlWithScore,
    BANG_KHLA_CLINICIAN,
    CASE_DETAILS,
    CocHarness,
    DISTRICT_NURSE,
    FAMILY_DOCTOR,
    IMPOSTOR,
    OFFICER,
    PSEUDONYM,
    STRANGER_NURSE,
    STRANGER_VOLUNTEER,
    TEAM,
    VISIT_DETAILS,
    VOLUNTEER,
} from '../test-support/coc-harness';
import { privateDocumentHash } from './coc-store';
import { thaiDateOf } from './coc-contract';

const CASE_KEY = '\u0000coc~case\u0000C-1\u0000';
const BANG_KHLA_COLLECTION = '_implicit_org_BangKhlaMSP';
const BUDDHASOTHORN_COLLECTION = '_implicit_org_BuddhasothornMSP';

async function openedCase(h: CocHarness): Promise<void> {
    const { error } = await h.open();
    expect(error).toBeUndefined();
}

async function recordedVisit(h: CocHarness, who = VOLUNTEER, visitId = 'V-1'): Promise<void> {
    const { error } = await h.visit(who, { visitId });
    expect(error).toBeUndefined();
}

describe('CocContract: cases', () => {
    it('opens a case with the ADL group from the Barthel items, the team, and private details by hash', async () => {
        const h = new CocHarness();
        const { result, error, writes } = await h.open(OFFICER, { adl: adlWithScore(3) });
        expect(error).toBeUndefined();
        const stored = h.storedCase();
        expect(JSON.parse(result as string)).toEqual(stored);
        expect(stored).toMatchObject({
            docType: 'coc-case',
            id: 'C-1',
            patientPseudonym: PSEUDONYM,
            healthCentreHcode: '03903',
            districtHcode: '11138',
            districtMsp: 'BangKhlaMSP',
            sharedWithMsps: ['BangKhlaMSP'],
            status: 'open',
            adl: { score: 3, group: 'bedridden', assessedOn: '2026-01-01', assessedBy: 'nurse.03903' },
            baselineAdl: { score: 3, group: 'bedridden' },
            team: TEAM,
            openedOn: '2026-01-01',
            visitCount: 0,
            referralIds: [],
        });
        expect(stored.steps).toEqual([expect.objectContaining({ action: 'open', username: 'nurse.03903', role: 'nurse', mspId: 'BangKhlaMSP', hcode: '03903' })]);
        // address and contact never reach the channel
        expect(Buffer.from(writes.puts.get(CASE_KEY) ?? []).toString()).not.toContain('บางคล้า');
        const privateBytes = h.ledger.privateState.get(BANG_KHLA_COLLECTION)?.get('\u0000coc~case-details\u0000C-1\u0000');
        expect(decodeJson(privateBytes)).toEqual({ caseId: 'C-1', ...CASE_DETAILS });
        expect(stored.detailsHash).toBe(privateDocumentHash({ caseId: 'C-1', ...CASE_DETAILS }));
        // only the district organisation may change the case later
        expect(h.ledger.validationParameters.has(CASE_KEY)).toBe(true);
        expect(h.ledger.events.at(-1)?.name).toBe('CocChanged');
        expect(JSON.parse(Buffer.from(h.ledger.events.at(-1)?.payload ?? []).toString())).toEqual({ case: stored });
    });

    it.each([
        [5, 'homebound'],
        [11, 'homebound'],
        [12, 'socially-active'],
        [4, 'bedridden'],
    ])('groups a Barthel total of %i as %s', async (score, group) => {
        const h = new CocHarness();
        await h.open(DISTRICT_NURSE, { adl: adlWithScore(score) });
        expect(h.storedCase().adl.group).toBe(group);
    });

    it('rejects an ADL item out of range with ADL_SCORE_OUT_OF_RANGE and writes nothing', async () => {
        const h = new CocHarness();
        expectFailure(await h.open(OFFICER, { adl: { ...adlWithScore(3), transfer: 4 } }), 'ADL_SCORE_OUT_OF_RANGE');
        expectFailure(await h.open(OFFICER, { adl: { feeding: 1 } }), 'ADL_SCORE_OUT_OF_RANGE');
    });

    it.each([
        ['a volunteer', VOLUNTEER, 'FORBIDDEN_ROLE'],
        ['a nurse of another health centre', STRANGER_NURSE, 'FORBIDDEN_UNIT'],
        ['a nurse of another organisation', BUDDHASOTHORN_NURSE, 'FORBIDDEN_UNIT'],
        ['an auditor', PROVINCIAL_AUDITOR, 'FORBIDDEN_ROLE'],
    ] as const)('refuses %s opening a case', async (_label, who, code) => {
        expectFailure(await new CocHarness().open(who), code);
    });

    it.each([
        ['a volunteer of another health centre', { ...TEAM, volunteer: { username: 'volunteer.03904', hcode: '03904' } }, 'INVALID_ARGUMENT'],
        ['a family doctor at the health centre', { ...TEAM, familyDoctor: { username: 'dr.x', hcode: '03903' } }, 'INVALID_ARGUMENT'],
        ['the same person twice', { ...TEAM, officer: { username: 'volunteer.03903', hcode: '03903' } }, 'INVALID_ARGUMENT'],
        ['a missing member', { volunteer: TEAM.volunteer, officer: TEAM.officer }, 'INVALID_ARGUMENT'],
    ] as const)('rejects a team with %s', async (_label, team, code) => {
        expectFailure(await new CocHarness().open(OFFICER, { team }), code);
    });

    it('rejects a bad pseudonym, a hospital as health centre, an unknown unit, a missing transient and unknown fields', async () => {
        const h = new CocHarness();
        expectFailure(await h.open(OFFICER, { patientPseudonym: '1234567890123' }), 'INVALID_ARGUMENT');
        expectFailure(await h.open(DISTRICT_NURSE, { healthCentreHcode: '11138' }), 'INVALID_ARGUMENT');
        expectFailure(await h.open(OFFICER, { healthCentreHcode: '99999' }), 'UNKNOWN_HCODE');
        expectFailure(await h.open(OFFICER, {}, null), 'INVALID_ARGUMENT');
        expectFailure(await h.open(OFFICER, { status: 'closed' }), 'INVALID_ARGUMENT');
        expectFailure(await h.open(OFFICER, {}, { ...CASE_DETAILS, carePlan: { goals: [] } }), 'INVALID_ARGUMENT');
        expectFailure(await h.open(OFFICER, {}, { ...CASE_DETAILS, nationalId: '1' }), 'INVALID_ARGUMENT');
    });

    it('refuses a second case id and a second open case for the same patient', async () => {
        const h = new CocHarness();
        await openedCase(h);
        expectFailure(await h.open(), 'COC_CASE_EXISTS');
        const error = expectFailure(await h.open(OFFICER, { caseId: 'C-2' }), 'COC_CASE_EXISTS');
        expect(error.details).toEqual({ id: 'C-1' });
    });

    it('opens a case from a back-referral, linked to it and shared with the referring hospital', async () => {
        const h = new CocHarness();
        await h.backReferral();
        const { error } = await h.open(OFFICER, { patientPseudonym: undefined, referralId: 'R-BACK' });
        expect(error).toBeUndefined();
        const stored = h.storedCase();
        expect(stored.referralIds).toEqual(['R-BACK']);
        expect(stored.patientPseudonym).toBe(PSEUDONYM);
        expect(stored.sharedWithMsps).toEqual(['BangKhlaMSP', 'BuddhasothornMSP']);
        expect(h.ledger.privateState.get(BUDDHASOTHORN_COLLECTION)?.size).toBe(1);
    });

    it('endorses a back-referral case on a peer of either organisation holding the details, never a third', async () => {
        const h = new CocHarness();
        await h.backReferral();
        const payload = JSON.stringify({ caseId: 'C-1', healthCentreHcode: '03903', referralId: 'R-BACK', adl: adlWithScore(3), team: TEAM });
        const transient = { caseDetails: JSON.stringify(CASE_DETAILS) };
        expectFailure(await h.call(OFFICER, (ctx) => h.contract.OpenCase(ctx, payload), { transient, peerMspId: 'BangPakongMSP' }), 'FORBIDDEN_UNIT');
        expect((await h.call(OFFICER, (ctx) => h.contract.OpenCase(ctx, payload), { transient, peerMspId: 'BuddhasothornMSP' })).error).toBeUndefined();
    });

    it('updates the open case in the same transaction when a later back-referral arrives', async () => {
        const h = new CocHarness();
        await h.backReferral();
        await openedCase(h);
        const { error } = await h.open(OFFICER, { caseId: 'C-9', patientPseudonym: undefined, referralId: 'R-BACK', adl: adlWithScore(8) }, null);
        expect(error).toBeUndefined();
        const stored = h.storedCase();
        expect(stored.referralIds).toEqual(['R-BACK']);
        expect(stored.adl).toMatchObject({ score: 8, group: 'homebound' });
        expect(stored.baselineAdl).toEqual({ score: 3, group: 'bedridden' });
        expect(stored.sharedWithMsps).toEqual(['BangKhlaMSP', 'BuddhasothornMSP']);
        expect(stored.steps.map((s) => s.action)).toEqual(['open', 'link-referral']);
        expect(h.storedCase('C-9')).toBeUndefined();
    });

    it('refuses to link a referral that is not a back-referral to this health centre', async () => {
        const h = new CocHarness();
        await h.referrals.referralIn('accepted');
        expectFailure(await h.open(OFFICER, { patientPseudonym: undefined, referralId: 'R-0001' }), 'INVALID_ARGUMENT');
        expectFailure(await h.open(OFFICER, { patientPseudonym: undefined, referralId: 'R-NONE' }), 'REFERRAL_NOT_FOUND');
        expectFailure(await h.open(OFFICER, { referralId: 'R-0001' }), 'INVALID_ARGUMENT');
    });

    it('updates ADL, team and care plan; closing frees the patient for a new case', async () => {
        const h = new CocHarness();
        await openedCase(h);
        const update = await h.call(OFFICER, (ctx) => h.contract.UpdateCase(ctx, 'C-1', JSON.stringify({ adl: adlWithScore(13), note: 'ดีขึ้น' })), {
            transient: { caseDetails: JSON.stringify({ ...CASE_DETAILS, carePlan: { goals: ['เดินได้เอง'] } }) },
        });
        expect(update.error).toBeUndefined();
        expect(h.storedCase().adl.group).toBe('socially-active');
        expect(h.storedCase().detailsHash).toBe(privateDocumentHash({ caseId: 'C-1', ...CASE_DETAILS, carePlan: { goals: ['เดินได้เอง'], interventions: [], note: '' } }));
        expectFailure(await h.call(OFFICER, (ctx) => h.contract.UpdateCase(ctx, 'C-1', '{}')), 'INVALID_ARGUMENT');
        expectFailure(await h.call(VOLUNTEER, (ctx) => h.contract.UpdateCase(ctx, 'C-1', JSON.stringify({ adl: adlWithScore(1) }))), 'FORBIDDEN_ROLE');
        expectFailure(await h.call(OFFICER, (ctx) => h.contract.UpdateCase(ctx, 'C-404', JSON.stringify({ adl: adlWithScore(1) }))), 'COC_CASE_NOT_FOUND');

        expectFailure(await h.call(OFFICER, (ctx) => h.contract.CloseCase(ctx, 'C-1', ' ')), 'INVALID_ARGUMENT');
        const close = await h.call(FAMILY_DOCTOR, (ctx) => h.contract.CloseCase(ctx, 'C-1', 'ย้ายที่อยู่'));
        expect(close.error).toBeUndefined();
        expect(h.storedCase()).toMatchObject({ status: 'closed', closeReason: 'ย้ายที่อยู่' });
        expectFailure(await h.call(OFFICER, (ctx) => h.contract.CloseCase(ctx, 'C-1', 'again')), 'COC_CASE_CLOSED');
        expectFailure(await h.call(OFFICER, (ctx) => h.contract.UpdateCase(ctx, 'C-1', JSON.stringify({ adl: adlWithScore(1) }))), 'COC_CASE_CLOSED');
        expect((await h.open(OFFICER, { caseId: 'C-2' })).error).toBeUndefined();
    });
});

describe('CocContract: home visits', () => {
    it('records a visit signed by the volunteer, with the ADL re-score public and the details private by hash', async () => {
        const h = new CocHarness();
        await openedCase(h);
        const { result, error, writes, txId } = await h.visit();
        expect(error).toBeUndefined();
        const visit = h.storedVisit();
        expect(JSON.parse(result as string)).toEqual(visit);
        expect(visit).toMatchObject({
            docType: 'coc-visit',
            id: 'V-1',
            caseId: 'C-1',
            patientPseudonym: PSEUDONYM,
            visitedOn: '2026-01-01',
            adl: { score: 6, group: 'homebound' },
            status: 'recorded',
            author: { username: 'volunteer.03903', role: 'volunteer', teamRole: 'volunteer', hcode: '03903', mspId: 'BangKhlaMSP', txId },
        });
        const privateDocument = { visitId: 'V-1', caseId: 'C-1', visitedOn: '2026-01-01', ...VISIT_DETAILS, attendees: [...VISIT_DETAILS.attendees].sort() };
        expect(visit.detailsHash).toBe(privateDocumentHash(privateDocument));
        const publicText = [...writes.puts.values()].map((b) => Buffer.from(b).toString()).join('');
        expect(publicText).not.toContain('ลูกสาว');
        expect(publicText).not.toContain('ทำแผล');
        const caseAfter = h.storedCase();
        expect(caseAfter).toMatchObject({ visitCount: 1, lastVisitOn: { volunteer: '2026-01-01' }, adl: { score: 6, group: 'homebound', assessedOn: '2026-01-01' } });
        expect(caseAfter.baselineAdl.group).toBe('bedridden');
        const event = JSON.parse(Buffer.from(h.ledger.events.at(-1)?.payload ?? []).toString()) as unknown;
        expect(event).toEqual({ case: caseAfter, visit });
        // the private document as the district's peers hold it answers the hash check
        const details = await h.call(OFFICER, (ctx) => h.contract.GetVisitDetails(ctx, 'C-1', 'V-1'));
        expect(JSON.parse(details.result as string)).toEqual({ details: privateDocument, hash: visit.detailsHash, matchesLedger: true });
    });

    it('lets each team member record a visit, with their own role', async () => {
        const h = new CocHarness();
        await openedCase(h);
        await recordedVisit(h, VOLUNTEER, 'V-1');
        await recordedVisit(h, OFFICER, 'V-2');
        await recordedVisit(h, FAMILY_DOCTOR, 'V-3');
        expect(h.storedVisit('V-2').author.teamRole).toBe('officer');
        expect(h.storedVisit('V-3').author.teamRole).toBe('familyDoctor');
        expect(h.storedCase()).toMatchObject({ visitCount: 3, lastVisitOn: { volunteer: '2026-01-01', officer: '2026-01-01', familyDoctor: '2026-01-01' } });
    });

    it.each([
        ['a volunteer of another health centre', STRANGER_VOLUNTEER],
        ['a nurse of the district hospital who is not on the team', DISTRICT_NURSE],
        ['the officer username from another organisation', IMPOSTOR],
    ])('refuses a visit by %s with COC_NOT_IN_TEAM', async (_label, who) => {
        const h = new CocHarness();
        await openedCase(h);
        expectFailure(await h.visit(who), 'COC_NOT_IN_TEAM');
    });

    it('refuses an unknown case, a visit before the case opened, a future visit and bad details, writing nothing', async () => {
        const h = new CocHarness();
        await openedCase(h);
        expectFailure(await h.visit(VOLUNTEER, { caseId: 'C-404' }), 'COC_CASE_NOT_FOUND');
        expectFailure(await h.visit(VOLUNTEER, { visitedOn: '2025-12-31' }), 'COC_VISIT_BEFORE_CASE');
        expectFailure(await h.visit(VOLUNTEER, { visitedOn: '2026-01-03' }), 'INVALID_ARGUMENT');
        expectFailure(await h.visit(VOLUNTEER, { visitedOn: '2026-02-30' }), 'INVALID_ARGUMENT');
        expectFailure(await h.visit(VOLUNTEER, {}, null), 'INVALID_ARGUMENT');
        expectFailure(await h.visit(VOLUNTEER, {}, { ...VISIT_DETAILS, adl: { ...VISIT_DETAILS.adl, bathing: 3 } }), 'ADL_SCORE_OUT_OF_RANGE');
        expectFailure(await h.visit(VOLUNTEER, {}, { ...VISIT_DETAILS, vitals: { spo2: 140 } }), 'INVALID_ARGUMENT');
        expectFailure(await h.visit(VOLUNTEER, {}, { ...VISIT_DETAILS, attendees: [] }), 'INVALID_ARGUMENT');
        expectFailure(await h.visit(VOLUNTEER, { visitId: 'bad id!' }), 'INVALID_ARGUMENT');
        expectFailure(await h.visit(PROVINCIAL_AUDITOR), 'FORBIDDEN_ROLE');
        expect(h.storedCase().visitCount).toBe(0);
    });

    it('answers a duplicate sync of the same visit with COC_VISIT_EXISTS (same content) and writes nothing', async () => {
        const h = new CocHarness();
        await openedCase(h);
        await recordedVisit(h);
        const same = expectFailure(await h.visit(), 'COC_VISIT_EXISTS');
        expect(same.details).toEqual({ visitId: 'V-1', caseId: 'C-1', sameContent: true });
        const different = expectFailure(await h.visit(VOLUNTEER, {}, { ...VISIT_DETAILS, nextStep: 'อื่น' }), 'COC_VISIT_EXISTS');
        expect(different.details).toMatchObject({ sameContent: false });
        expect(h.storedCase().visitCount).toBe(1);
    });

    it('refuses a visit to a case closed while the form was offline with COC_CASE_CLOSED', async () => {
        const h = new CocHarness();
        await openedCase(h);
        await h.call(OFFICER, (ctx) => h.contract.CloseCase(ctx, 'C-1', 'เสียชีวิต'));
        const error = expectFailure(await h.visit(), 'COC_CASE_CLOSED');
        expect(error.details).toMatchObject({ caseId: 'C-1' });
    });

    it('keeps the later ADL assessment when an older offline visit syncs late', async () => {
        const h = new CocHarness();
        h.ledger.clockSeconds += 3 * 86_400; // 2026-01-04
        await openedCase(h);
        h.ledger.clockSeconds += 2 * 86_400; // 2026-01-06
        expect((await h.visit(VOLUNTEER, { visitId: 'V-late', visitedOn: '2026-01-06' })).error).toBeUndefined();
        expect(h.storedCase().adl).toMatchObject({ score: 6, assessedOn: '2026-01-06' });
        const { error } = await h.visit(OFFICER, { visitId: 'V-old', visitedOn: '2026-01-05' }, { ...VISIT_DETAILS, adl: adlWithScore(15) });
        expect(error).toBeUndefined();
        expect(h.storedVisit('V-old').adl).toEqual({ score: 15, group: 'socially-active' });
        expect(h.storedCase()).toMatchObject({ adl: { score: 6 }, lastVisitOn: { officer: '2026-01-05', volunteer: '2026-01-06' }, visitCount: 2 });
    });
});

describe('CocContract: countersigning', () => {
    it('the officer confirms the volunteer visit; the ledger shows both signers', async () => {
        const h = new CocHarness();
        await openedCase(h);
        await recordedVisit(h);
        const { error, txId } = await h.countersign(OFFICER);
        expect(error).toBeUndefined();
        expect(h.storedVisit()).toMatchObject({
            status: 'countersigned',
            author: { username: 'volunteer.03903', teamRole: 'volunteer' },
            countersign: { username: 'nurse.03903', role: 'nurse', teamRole: 'officer', mspId: 'BangKhlaMSP', txId, note: 'ตรวจแล้ว' },
        });
        expectFailure(await h.countersign(OFFICER), 'COC_ALREADY_COUNTERSIGNED');
    });

    it('the family doctor reviews the officer visit, and the officer the family doctor visit', async () => {
        const h = new CocHarness();
        await openedCase(h);
        await recordedVisit(h, OFFICER, 'V-2');
        await recordedVisit(h, FAMILY_DOCTOR, 'V-3');
        expect((await h.countersign(FAMILY_DOCTOR, 'V-2')).error).toBeUndefined();
        expect((await h.countersign(OFFICER, 'V-3')).error).toBeUndefined();
        expect(h.storedVisit('V-2').countersign?.teamRole).toBe('familyDoctor');
        expect(h.storedVisit('V-3').countersign?.teamRole).toBe('officer');
    });

    it('refuses the author, a stranger, and the wrong team member, writing nothing', async () => {
        const h = new CocHarness();
        await openedCase(h);
        await recordedVisit(h);
        await recordedVisit(h, OFFICER, 'V-2');
        expectFailure(await h.countersign(VOLUNTEER), 'COC_SELF_COUNTERSIGN');
        expectFailure(await h.countersign(OFFICER, 'V-2'), 'COC_SELF_COUNTERSIGN');
        expectFailure(await h.countersign(STRANGER_NURSE), 'COC_NOT_IN_TEAM');
        expectFailure(await h.countersign(BUDDHASOTHORN_NURSE), 'COC_NOT_IN_TEAM');
        expectFailure(await h.countersign(IMPOSTOR), 'COC_NOT_IN_TEAM');
        expectFailure(await h.countersign(FAMILY_DOCTOR), 'FORBIDDEN_ROLE');
        expectFailure(await h.countersign(VOLUNTEER, 'V-2'), 'FORBIDDEN_ROLE');
        expectFailure(await h.countersign(OFFICER, 'V-404'), 'COC_VISIT_NOT_FOUND');
        expectFailure(await h.countersign(OFFICER, 'V-1', 'C-404'), 'COC_CASE_NOT_FOUND');
        expect(h.storedVisit().status).toBe('recorded');
    });

    it('still accepts the countersign of a visit recorded before the case closed', async () => {
        const h = new CocHarness();
        await openedCase(h);
        await recordedVisit(h);
        await h.call(OFFICER, (ctx) => h.contract.CloseCase(ctx, 'C-1', 'หายดี'));
        expect((await h.countersign(OFFICER)).error).toBeUndefined();
    });
});

describe('CocContract: reads', () => {
    it('lets the team, the units, the referring hospital and the auditor read the case; not strangers', async () => {
        const h = new CocHarness();
        await h.backReferral();
        await h.open(OFFICER, { patientPseudonym: undefined, referralId: 'R-BACK' });
        for (const who of [VOLUNTEER, OFFICER, FAMILY_DOCTOR, DISTRICT_NURSE, BUDDHASOTHORN_NURSE, PROVINCIAL_AUDITOR, BANG_KHLA_CLINICIAN]) {
            const { error } = await h.call(who, (ctx) => h.contract.GetCase(ctx, 'C-1'));
            expect(error).toBeUndefined();
        }
        expectFailure(await h.call(STRANGER_VOLUNTEER, (ctx) => h.contract.GetCase(ctx, 'C-1')), 'FORBIDDEN_UNIT');
        expectFailure(await h.call(OFFICER, (ctx) => h.contract.GetCase(ctx, 'C-404')), 'COC_CASE_NOT_FOUND');
    });

    it('gives the private case details to the team with a hash check, and refuses others', async () => {
        const h = new CocHarness();
        await openedCase(h);
        const { result } = await h.call(VOLUNTEER, (ctx) => h.contract.GetCaseDetails(ctx, 'C-1'));
        expect(JSON.parse(result as string)).toMatchObject({ details: { caseId: 'C-1', ...CASE_DETAILS }, matchesLedger: true });
        expectFailure(await h.call(PROVINCIAL_AUDITOR, (ctx) => h.contract.GetCaseDetails(ctx, 'C-1')), 'FORBIDDEN_UNIT');
        expectFailure(await h.call(STRANGER_NURSE, (ctx) => h.contract.GetCaseDetails(ctx, 'C-1')), 'FORBIDDEN_UNIT');
        // on a peer of an organisation outside the collection
        expectFailure(await h.call(OFFICER, (ctx) => h.contract.GetCaseDetails(ctx, 'C-1'), { peerMspId: 'BangPakongMSP' }), 'FORBIDDEN_UNIT');
    });

    it('reads one visit', async () => {
        const h = new CocHarness();
        await openedCase(h);
        await recordedVisit(h);
        const { result } = await h.call(FAMILY_DOCTOR, (ctx) => h.contract.GetVisit(ctx, 'C-1', 'V-1'));
        expect(JSON.parse(result as string)).toEqual(h.storedVisit());
        expectFailure(await h.call(FAMILY_DOCTOR, (ctx) => h.contract.GetVisit(ctx, 'C-1', 'V-2')), 'COC_VISIT_NOT_FOUND');
    });
});

describe('thaiDateOf', () => {
    it('gives the calendar date in Thailand (UTC+7)', () => {
        expect(thaiDateOf('2026-01-01T16:59:59.000Z')).toBe('2026-01-01');
        expect(thaiDateOf('2026-01-01T17:00:00.000Z')).toBe('2026-01-02');
    });
});

describe('FakeLedger sanity', () => {
    it('counts no writes for a failed call', async () => {
        const h = new CocHarness();
        const outcome = await h.visit();
        expect(FakeLedger.writeCount(outcome.writes)).toBe(0);
    });
});

describe('CocContract: concurrency (MVCC on one key)', () => {
    it('two syncs of one visit both read and write its visit-id key, so the ledger keeps exactly one', async () => {
        const h = new CocHarness();
        await openedCase(h);
        // both proposals are simulated against the same committed state
        const first = await h.visit();
        h.ledger.state.delete('\u0000coc~visit-id\u0000V-1\u0000');
        const second = await h.visit();
        const indexKey = '\u0000coc~visit-id\u0000V-1\u0000';
        expect(first.writes.puts.has(indexKey)).toBe(true);
        expect(second.writes.puts.has(indexKey)).toBe(true);
        // and both write the case key, which a concurrent close also writes
        expect(first.writes.puts.has(CASE_KEY)).toBe(true);
    });
});
