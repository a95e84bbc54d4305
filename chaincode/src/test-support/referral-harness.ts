import type { Context } from 'fabric-contract-api';
import { ChaincodeError } from '../errors/chaincode-error';
import type { ErrorCode } from '../errors/error-code';
import type { Referral, ReferralStatus } from '../referral/referral';
import { ReferralContract } from '../referral/referral-contract';
import { decodeJson, FakeLedger, identity, type FakeIdentity, type InvokeOptions, type InvokeResult } from './fake-ledger';

/** Test-only: identities, payloads and a driver for {@link ReferralContract} on a {@link FakeLedger}. */

export const PSEUDONYM = 'a'.repeat(64);
export const OTHER_PSEUDONYM = 'b'.repeat(64);

/** Bang Khla hospital (11138, BangKhlaMSP): the default sender. */
export const BANG_KHLA_CLINICIAN = identity('BangKhlaMSP', 'clinician', '11138', 'dr.bk01');
export const BANG_KHLA_NURSE = identity('BangKhlaMSP', 'nurse', '11138', 'rn.bk02');
/** Buddhasothorn hospital (10697, BuddhasothornMSP): the default receiver. */
export const BUDDHASOTHORN_CLINICIAN = identity('BuddhasothornMSP', 'clinician', '10697', 'dr.bs01');
export const BUDDHASOTHORN_NURSE = identity('BuddhasothornMSP', 'nurse', '10697', 'rn.bs02');
export const BUDDHASOTHORN_AUDITOR = identity('BuddhasothornMSP', 'auditor', '10697', 'qa.bs03');
/** Bang Pakong hospital (11140, BangPakongMSP): a third organisation. */
export const BANG_PAKONG_CLINICIAN = identity('BangPakongMSP', 'clinician', '11140', 'dr.bp01');
export const BANG_PAKONG_NURSE = identity('BangPakongMSP', 'nurse', '11140', 'rn.bp02');
/** Health centre 03999 under Buddhasothorn. */
export const HEALTH_CENTRE_NURSE = identity('BuddhasothornMSP', 'nurse', '03999', 'rn.hc01');
export const HEALTH_CENTRE_CLINICIAN = identity('BuddhasothornMSP', 'clinician', '03999', 'dr.hc02');
/** Health centre 03903 under Bang Khla. */
export const BANG_KHLA_HEALTH_CENTRE_NURSE = identity('BangKhlaMSP', 'nurse', '03903', 'rn.hc03');
export const PROVINCIAL_AUDITOR = identity('ProvincialHealthOfficeMSP', 'auditor', '00024', 'audit.pho');
export const NO_ATTRIBUTES = identity('BuddhasothornMSP', undefined, undefined);

/** State key of referral `id`. */
export const REFERRAL_KEY = (id: string): string => `\u0000referral\u0000${id}\u0000`;

/** A `CreateReferral` payload from Bang Khla to Buddhasothorn, with overrides (undefined removes a field). */
export function payload(overrides: Record<string, unknown> = {}): string {
    return JSON.stringify({
        referralId: 'R-0001',
        toHcode: '10697',
        patientPseudonym: PSEUDONYM,
        reasonCode: '1',
        priority: 2,
        ...overrides,
    });
}

/** Asserts a failed call with `code`, and that it wrote nothing. */
export function expectFailure(outcome: InvokeResult<unknown>, code: ErrorCode): ChaincodeError {
    expect(outcome.error).toBeInstanceOf(ChaincodeError);
    const error = outcome.error as ChaincodeError;
    expect(error.code).toBe(code);
    expect(error.message.startsWith(`${code}: `)).toBe(true);
    expect(FakeLedger.writeCount(outcome.writes)).toBe(0);
    return error;
}

/** Actions that move an existing referral, with the caller who may normally do them. */
export type StepAction = 'receive' | 'accept' | 'reject' | 'arrive' | 'complete' | 'no-show' | 'cancel';

/** Steps (after create) that bring a referral to each status. */
export const PATH_TO: Readonly<Record<ReferralStatus, readonly StepAction[]>> = {
    requested: [],
    received: ['receive'],
    accepted: ['accept'],
    arrived: ['accept', 'arrive'],
    completed: ['accept', 'arrive', 'complete'],
    rejected: ['reject'],
    cancelled: ['cancel'],
    'no-show': ['accept', 'no-show'],
};

/** A fresh ledger and contract with helpers. */
export class ReferralHarness {
    readonly ledger = new FakeLedger();
    readonly contract = new ReferralContract();

    /** Runs one transaction. */
    call<T>(who: FakeIdentity, fn: (ctx: Context) => Promise<T>, options?: InvokeOptions): Promise<InvokeResult<T>> {
        return this.ledger.invoke(who, fn, options);
    }

    /** Creates a referral and returns it; throws the chaincode error on failure. */
    async create(who: FakeIdentity = BANG_KHLA_CLINICIAN, overrides: Record<string, unknown> = {}, options?: InvokeOptions): Promise<Referral> {
        const { result, error } = await this.call(who, (ctx) => this.contract.CreateReferral(ctx, payload(overrides)), options);
        if (error !== undefined) {
            throw error;
        }
        return JSON.parse(result as string) as Referral;
    }

    /** Runs `action` on referral `id` as `who` (default: the usual actor of the default referral). */
    step(action: StepAction, id = 'R-0001', who?: FakeIdentity): Promise<InvokeResult<string>> {
        const receiver = who ?? BUDDHASOTHORN_NURSE;
        switch (action) {
            case 'receive':
                return this.call(receiver, (ctx) => this.contract.ReceiveReferral(ctx, id));
            case 'accept':
                return this.call(receiver, (ctx) => this.contract.AcceptReferral(ctx, id, 'bed ready'));
            case 'reject':
                return this.call(receiver, (ctx) => this.contract.RejectReferral(ctx, id, '2', 'no bed'));
            case 'arrive':
                return this.call(receiver, (ctx) => this.contract.MarkArrived(ctx, id));
            case 'complete':
                return this.call(receiver, (ctx) => this.contract.CompleteReferral(ctx, id, '1', 'treated'));
            case 'no-show':
                return this.call(receiver, (ctx) => this.contract.MarkNoShow(ctx, id, 'did not come'));
            case 'cancel':
                return this.call(who ?? BANG_KHLA_CLINICIAN, (ctx) => this.contract.CancelReferral(ctx, id, 'patient improved'));
        }
    }

    /** Creates the default referral `id` and moves it to `status`. */
    async referralIn(status: ReferralStatus, id = 'R-0001', overrides: Record<string, unknown> = {}): Promise<Referral> {
        await this.create(BANG_KHLA_CLINICIAN, { referralId: id, ...overrides });
        for (const action of PATH_TO[status]) {
            const { error } = await this.step(action, id);
            if (error !== undefined) {
                throw error;
            }
        }
        const referral = this.stored(id);
        expect(referral.status).toBe(status);
        return referral;
    }

    /** The referral as committed. */
    stored(id = 'R-0001'): Referral {
        return decodeJson(this.ledger.state.get(REFERRAL_KEY(id))) as Referral;
    }
}
