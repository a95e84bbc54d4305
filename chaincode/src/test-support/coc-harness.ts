import type { Context } from 'fabric-contract-api';
import { decodeJson, identity, type FakeIdentity, type InvokeOptions, type InvokeResult } from './fake-ledger';
import { BANG_KHLA_CLINICIAN, BUDDHASOTHORN_NURSE, PSEUDONYM, ReferralHarness } from './referral-harness';
import { BARTHEL_ITEM_NAMES, BARTHEL_ITEMS } from '../coc/barthel';
import type { CocCase, CocVisit } from '../coc/coc-case';
import { CocContract } from '../coc/coc-contract';

/** Test-only: the Bang Khla district (BangKhlaMSP, hospital 11138) and its health centre 03903. */
export const CENTRE = '03903';
export const DISTRICT = '11138';
export const VOLUNTEER = identity('BangKhlaMSP', 'volunteer', CENTRE, 'volunteer.03903');
export const OFFICER = identity('BangKhlaMSP', 'nurse', CENTRE, 'nurse.03903');
export const FAMILY_DOCTOR = identity('BangKhlaMSP', 'clinician', DISTRICT, 'clinician.bangkhla');
export const DISTRICT_NURSE = identity('BangKhlaMSP', 'nurse', DISTRICT, 'nurse.bangkhla');
/** A volunteer of another health centre of the same district: not on the team. */
export const STRANGER_VOLUNTEER = identity('BangKhlaMSP', 'volunteer', '03904', 'volunteer.03904');
export const STRANGER_NURSE = identity('BangKhlaMSP', 'nurse', '03904', 'nurse.03904');
/** Someone whose certificate carries the officer's username but another organisation. */
export const IMPOSTOR = identity('BangPakongMSP', 'nurse', CENTRE, 'nurse.03903');

export const TEAM = {
    volunteer: { username: 'volunteer.03903', hcode: CENTRE },
    officer: { username: 'nurse.03903', hcode: CENTRE },
    familyDoctor: { username: 'clinician.bangkhla', hcode: DISTRICT },
};

/** Item scores with the given total (items filled in order up to their maxima). */
export function adlWithScore(total: number): Record<string, number> {
    let left = total;
    return Object.fromEntries(
        BARTHEL_ITEM_NAMES.map((name) => {
            const value = Math.min(left, BARTHEL_ITEMS[name]);
            left -= value;
            return [name, value];
        }),
    );
}

export const CASE_DETAILS = {
    address: '12 หมู่ 3 ต.บางคล้า',
    contactPhone: '0810000000',
    carePlan: { goals: ['ป้องกันแผลกดทับ'], interventions: ['พลิกตัวทุก 2 ชั่วโมง'], note: '' },
};

export const VISIT_DETAILS = {
    attendees: ['volunteer.03903', 'ลูกสาวผู้ป่วย'],
    adl: adlWithScore(6),
    vitals: { heartRate: 80, systolic: 130, diastolic: 80, spo2: 97 },
    problems: 'ผิวหนังแดงที่ก้นกบ',
    careGiven: 'ทำแผล สอนญาติพลิกตัว',
    nextStep: 'เยี่ยมซ้ำ 1 สัปดาห์',
};

/** A fresh ledger with the referral and COC contracts. */
export class CocHarness {
    readonly referrals = new ReferralHarness();
    readonly ledger = this.referrals.ledger;
    readonly contract = new CocContract();

    call<T>(who: FakeIdentity, fn: (ctx: Context) => Promise<T>, options?: InvokeOptions): Promise<InvokeResult<T>> {
        return this.ledger.invoke(who, fn, options);
    }

    /** `OpenCase` with a payload (details null: no transient) for health centre 03903 (overrides; undefined removes a field). */
    open(who: FakeIdentity = OFFICER, overrides: Record<string, unknown> = {}, details: unknown = CASE_DETAILS): Promise<InvokeResult<string>> {
        const payload = { caseId: 'C-1', healthCentreHcode: CENTRE, patientPseudonym: PSEUDONYM, adl: adlWithScore(3), team: TEAM, ...overrides };
        const transient: Record<string, string> = details === null ? {} : { caseDetails: JSON.stringify(details) };
        return this.call(who, (ctx) => this.contract.OpenCase(ctx, JSON.stringify(payload)), { transient });
    }

    /** `RecordVisit` of case C-1. */
    visit(who: FakeIdentity = VOLUNTEER, overrides: Record<string, unknown> = {}, details: unknown = VISIT_DETAILS): Promise<InvokeResult<string>> {
        const payload = { visitId: 'V-1', caseId: 'C-1', visitedOn: '2026-01-01', ...overrides };
        const transient: Record<string, string> = details === null ? {} : { visitDetails: JSON.stringify(details) };
        return this.call(who, (ctx) => this.contract.RecordVisit(ctx, JSON.stringify(payload)), { transient });
    }

    countersign(who: FakeIdentity, visitId = 'V-1', caseId = 'C-1'): Promise<InvokeResult<string>> {
        return this.call(who, (ctx) => this.contract.CountersignVisit(ctx, caseId, visitId, 'ตรวจแล้ว'));
    }

    /** A back-referral R-BACK from Buddhasothorn to 03903 for PSEUDONYM (parent R-0001 from Bang Khla). */
    async backReferral(): Promise<void> {
        await this.referrals.referralIn('accepted');
        const { error } = await this.call(BUDDHASOTHORN_NURSE, (ctx) =>
            this.referrals.contract.CreateReferral(ctx, JSON.stringify({ referralId: 'R-BACK', toHcode: CENTRE, reasonCode: '4', priority: 5, parentReferralId: 'R-0001', kind: 'back-referral' })),
        );
        if (error !== undefined) throw error;
    }

    storedCase(id = 'C-1'): CocCase {
        return decodeJson(this.ledger.state.get(`\u0000coc~case\u0000${id}\u0000`)) as CocCase;
    }

    storedVisit(id = 'V-1', caseId = 'C-1'): CocVisit {
        return decodeJson(this.ledger.state.get(`\u0000coc~visit\u0000${caseId}\u0000${id}\u0000`)) as CocVisit;
    }
}

export { BANG_KHLA_CLINICIAN, PSEUDONYM };
