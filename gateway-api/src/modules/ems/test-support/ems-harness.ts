import path from 'node:path';
import { ApiError } from '../../../http/api-error';
import type { LedgerAccess, LedgerContract, SubmitOptions } from '../../../fabric/ledger-contract';
import type { StaffIdentity } from '../../../fabric/staff-identity';
import { PatientPseudonym } from '../../../patient/patient-pseudonym';
import { UnitRegistry } from '../../../units/unit-registry';
import type { Principal } from '../../auth/auth-token';
import { TambonGazetteer } from '../ems-geo';
import { EmsLiveHub, type LiveEvent } from '../ems-live';
import { EmsRules } from '../ems-rules';
import { type EmsStore, InMemoryEmsStore } from '../ems-store';
import { EmsService, type ReferralStarter } from '../ems.service';
import { SimulatedSmsOutbox } from '../sms-outbox';

/** Test-only: the EMS service on the real fixtures, an in-memory store and a fake ledger. */

export const ROOT = path.resolve(__dirname, '../../../../..');
export const rules = EmsRules.fromDir(path.join(ROOT, 'fixtures', 'ems'));
export const registry = UnitRegistry.fromFile(path.join(ROOT, 'fixtures', 'units.json'));
export const gazetteer = new TambonGazetteer(registry.all());

export const DISPATCHER: Principal = { username: 'dispatcher.1669', role: 'dispatcher', hcode: '10697', mspId: 'BuddhasothornMSP' };
export const DISPATCHER2: Principal = { username: 'dispatcher2.1669', role: 'dispatcher', hcode: '10697', mspId: 'BuddhasothornMSP' };
export const CREW_BSH_ALS_1: Principal = { username: 'crew.bsh-als-1', role: 'ems-crew', hcode: '10697', mspId: 'BuddhasothornMSP' };
export const CREW_BKL_ALS_1: Principal = { username: 'crew.bkl-als-1', role: 'ems-crew', hcode: '11138', mspId: 'BangKhlaMSP' };
export const ER_BSH: Principal = { username: 'er.buddhasothorn', role: 'er-physician', hcode: '10697', mspId: 'BuddhasothornMSP' };
export const ER_BKL: Principal = { username: 'er.bangkhla', role: 'er-physician', hcode: '11138', mspId: 'BangKhlaMSP' };
export const DIRECTOR: Principal = { username: 'director.ems', role: 'medical-director', hcode: '10697', mspId: 'BuddhasothornMSP' };
export const CLINICIAN: Principal = { username: 'clinician.bangkhla', role: 'clinician', hcode: '11138', mspId: 'BangKhlaMSP' };

/** One recorded ledger call. */
export interface LedgerCall {
  readonly who: StaffIdentity;
  readonly contract: string | undefined;
  readonly transaction: string;
  readonly options: SubmitOptions | undefined;
  readonly kind: 'submit' | 'evaluate';
}

/** A fake ledger: records every call; `failNext` makes the next submit throw. */
export class FakeLedgerAccess implements LedgerAccess {
  public readonly calls: LedgerCall[] = [];
  public failNext: ApiError | undefined;
  #tx = 0;

  public contractFor(staff: StaffIdentity, contractName?: string): Promise<LedgerContract> {
    const contract: LedgerContract = {
      submit: (transaction, options) => {
        this.calls.push({ who: staff, contract: contractName, transaction, options, kind: 'submit' });
        const failure = this.failNext;
        if (failure !== undefined) {
          this.failNext = undefined;
          return Promise.reject(failure);
        }
        this.#tx += 1;
        return Promise.resolve({ result: Buffer.from('{}'), transactionId: `tx-${String(this.#tx)}`, blockNumber: BigInt(this.#tx) });
      },
      evaluate: (transaction, options) => {
        this.calls.push({ who: staff, contract: contractName, transaction, options, kind: 'evaluate' });
        return Promise.resolve(Buffer.from(JSON.stringify({ caseId: options?.arguments?.[0] })));
      },
    };
    return Promise.resolve(contract);
  }

  public submits(transaction?: string): LedgerCall[] {
    return this.calls.filter((c) => c.kind === 'submit' && (transaction === undefined || c.transaction === transaction));
  }
}

/** A fresh service with its parts. */
export async function harness(clock = new Date('2026-11-30T03:00:00.000Z'), withStore?: EmsStore, withRules: EmsRules = rules, referrals?: ReferralStarter) {
  const store = withStore ?? new InMemoryEmsStore();
  const ledger = new FakeLedgerAccess();
  const live = new EmsLiveHub();
  const sms = new SimulatedSmsOutbox();
  let now = clock.getTime();
  const service = new EmsService({
    rules: withRules,
    store,
    ledger,
    units: registry,
    gazetteer,
    pseudonyms: new PatientPseudonym(Buffer.alloc(32, 7)),
    live,
    sms,
    ...(referrals === undefined ? {} : { referrals }),
    now: () => {
      now += 1000;
      return new Date(now);
    },
  });
  await service.init();
  const events: { to: string; event: LiveEvent }[] = [];
  return { service, store, ledger, live, sms, events };
}

/** A red call (unconscious chest pain) near Buddhasothorn. */
export const RED_CALL = {
  callerNumber: '0812345678',
  location: { lat: 13.69, lng: 101.08, landmark: 'หน้าตลาดบ้านใหม่' },
  complaintCode: 'chest-pain',
  answers: { conscious: true, breathingNormally: true, sweatingOrPale: true, chestPainMinutes: 30 },
};

/** Expects `promise` to reject with ApiError `code`. */
export async function expectApiError(promise: Promise<unknown>, code: string): Promise<ApiError> {
  const err = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(ApiError);
  expect((err as ApiError).code).toBe(code);
  return err as ApiError;
}
