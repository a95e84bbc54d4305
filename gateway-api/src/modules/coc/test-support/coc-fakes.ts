import path from 'node:path';
import type { LedgerAccess, LedgerContract, ProposalOptions, SubmitOptions, Submitted } from '../../../fabric/ledger-contract';
import type { StaffIdentity } from '../../../fabric/staff-identity';
import { ApiError, type ErrorCode } from '../../../http/api-error';
import { PatientPseudonym } from '../../../patient/patient-pseudonym';
import { UnitRegistry, type Unit } from '../../../units/unit-registry';
import { UserDirectory, type DirectoryUser } from '../../auth/user-directory';
import type { Principal } from '../../auth/auth-token';
import type { CaseRecord, VisitRecord } from '../coc.read-model';
import type { LedgerCase, LedgerVisit } from '../coc.schemas';
import { VisitSchedule } from '../visit-schedule';

/** Test-only fakes for the COC module. */

const unit = (hcode: string, type: Unit['type'], parentHcode: string | null, mspId: string, nameTh: string): Unit => ({
  hcode,
  nameTh,
  nameEn: nameTh,
  type,
  district: 'Bang Khla',
  parentHcode,
  mspId,
  lat: 13.7,
  lng: 101.2,
  illustrative: true,
});

export const UNITS = new UnitRegistry([
  unit('11138', 'hospital', null, 'BangKhlaMSP', 'โรงพยาบาลบางคล้า'),
  unit('03903', 'health-centre', '11138', 'BangKhlaMSP', 'รพ.สต.บางคล้า'),
  unit('03904', 'health-centre', '11138', 'BangKhlaMSP', 'รพ.สต.ปากน้ำ'),
  unit('10697', 'hospital', null, 'BuddhasothornMSP', 'โรงพยาบาลพุทธโสธร'),
  unit('00024', 'provincial-office', null, 'ProvincialHealthOfficeMSP', 'สสจ.ฉะเชิงเทรา'),
]);

const user = (username: string, role: DirectoryUser['role'], hcode: string, mspId: string, designation?: 'family-doctor'): DirectoryUser => ({
  username,
  displayName: username,
  orgKey: 'x',
  mspId,
  role,
  hcode,
  ...(designation === undefined ? {} : { designation }),
  passwordHash: 'scrypt:x',
});

export const USERS = new UserDirectory([
  user('volunteer.03903', 'volunteer', '03903', 'BangKhlaMSP'),
  user('volunteer.03904', 'volunteer', '03904', 'BangKhlaMSP'),
  user('nurse.03903', 'nurse', '03903', 'BangKhlaMSP'),
  user('familydoctor.bangkhla', 'clinician', '11138', 'BangKhlaMSP', 'family-doctor'),
  user('clinician.bangkhla', 'clinician', '11138', 'BangKhlaMSP'),
]);

export const principal = (username: string, role: Principal['role'], hcode: string, mspId = 'BangKhlaMSP'): Principal => ({ username, role, hcode, mspId });
export const VOLUNTEER = principal('volunteer.03903', 'volunteer', '03903');
export const OFFICER = principal('nurse.03903', 'nurse', '03903');
export const FAMILY_DOCTOR = principal('familydoctor.bangkhla', 'clinician', '11138');
export const DISTRICT_NURSE = principal('nurse.bangkhla', 'nurse', '11138');
export const AUDITOR = principal('auditor.pho', 'auditor', '00024', 'ProvincialHealthOfficeMSP');

export const TEAM_REQUEST = { volunteer: 'volunteer.03903', officer: 'nurse.03903', familyDoctor: 'familydoctor.bangkhla' };
/** The project's rule table file. */
export const SCHEDULE_FILE = path.join(__dirname, '..', '..', '..', '..', '..', 'fixtures', 'coc', 'visit-schedule.json');
export const SCHEDULE = VisitSchedule.fromFile(SCHEDULE_FILE);
export const PSEUDONYMS = new PatientPseudonym(Buffer.alloc(32, 7));

export const ADL_3 = { feeding: 2, grooming: 1, transfer: 0, toiletUse: 0, mobility: 0, dressing: 0, stairs: 0, bathing: 0, bowels: 0, bladder: 0 };

/** A ledger case (public part) with overrides. */
export function ledgerCase(overrides: Partial<LedgerCase> = {}): LedgerCase {
  return {
    docType: 'coc-case',
    id: 'C-1',
    patientPseudonym: 'a'.repeat(64),
    healthCentreHcode: '03903',
    districtHcode: '11138',
    districtMsp: 'BangKhlaMSP',
    sharedWithMsps: ['BangKhlaMSP'],
    status: 'open',
    adl: { score: 3, group: 'bedridden', items: ADL_3, assessedOn: '2026-11-01', assessedBy: 'nurse.03903' },
    baselineAdl: { score: 3, group: 'bedridden' },
    team: {
      volunteer: { username: 'volunteer.03903', hcode: '03903' },
      officer: { username: 'nurse.03903', hcode: '03903' },
      familyDoctor: { username: 'familydoctor.bangkhla', hcode: '11138' },
    },
    detailsHash: 'f'.repeat(64),
    referralIds: [],
    openedAt: '2026-10-31T17:00:00.000Z',
    openedOn: '2026-11-01',
    updatedAt: '2026-10-31T17:00:00.000Z',
    visitCount: 0,
    lastVisitOn: {},
    steps: [],
    ...overrides,
  };
}

const signer = (username: string, teamRole: 'volunteer' | 'officer' | 'familyDoctor', role: string) => ({
  username,
  role,
  teamRole,
  hcode: '03903',
  mspId: 'BangKhlaMSP',
  txId: `tx-${username}`,
  at: '2026-11-02T03:00:00.000Z',
});

/** A ledger visit with overrides (author: the volunteer). */
export function ledgerVisit(overrides: Partial<LedgerVisit> = {}): LedgerVisit {
  return {
    docType: 'coc-visit',
    id: 'V-1',
    caseId: 'C-1',
    patientPseudonym: 'a'.repeat(64),
    healthCentreHcode: '03903',
    districtHcode: '11138',
    visitedOn: '2026-11-02',
    adl: null,
    detailsHash: 'e'.repeat(64),
    status: 'recorded',
    author: signer('volunteer.03903', 'volunteer', 'volunteer'),
    ...overrides,
  };
}

/** A visit by `teamRole` on `visitedOn`, as projected. */
export function visitRecord(caseId: string, id: string, visitedOn: string, teamRole: 'volunteer' | 'officer' | 'familyDoctor', block = 10): VisitRecord {
  return { ...ledgerVisit({ id, caseId, visitedOn, author: signer(`${teamRole}.x`, teamRole, 'nurse') }), ledger: { blockNumber: block, txIndex: 0, txId: `tx-${id}` } };
}

/** A case as projected. */
export function caseRecord(overrides: Partial<LedgerCase> = {}, block = 5): CaseRecord {
  return { ...ledgerCase(overrides), ledger: { blockNumber: block, txIndex: 0, txId: `tx-${overrides.id ?? 'C-1'}` } };
}

/** One recorded call to the fake contract. */
export interface Call {
  readonly staff: StaffIdentity;
  readonly contract: string | undefined;
  readonly kind: 'submit' | 'evaluate';
  readonly name: string;
  readonly options: SubmitOptions | ProposalOptions | undefined;
}

type Answer = unknown | ApiError;

/**
 * A fake LedgerAccess: answers by transaction name (a value, an ApiError to throw, or a function of
 * the arguments), and records every call.
 */
export class FakeLedgerAccess implements LedgerAccess {
  readonly calls: Call[] = [];
  readonly answers = new Map<string, Answer | ((args: readonly string[]) => Answer)>();

  answer(name: string, value: Answer | ((args: readonly string[]) => Answer)): this {
    this.answers.set(name, value);
    return this;
  }

  fail(name: string, code: ErrorCode, message: string = code): this {
    return this.answer(name, new ApiError(code, message));
  }

  contractFor(staff: StaffIdentity, contractName?: string): Promise<LedgerContract> {
    const respond = (kind: 'submit' | 'evaluate', name: string, options: SubmitOptions | ProposalOptions | undefined): Uint8Array => {
      this.calls.push({ staff, contract: contractName, kind, name, options });
      const configured = this.answers.get(name);
      const value = typeof configured === 'function' ? (configured as (args: readonly string[]) => Answer)(options?.arguments ?? []) : configured;
      if (value instanceof ApiError) throw value;
      if (value === undefined) throw new Error(`no fake answer for ${name}`);
      return Buffer.from(JSON.stringify(value), 'utf8');
    };
    const contract: LedgerContract = {
      submit: (name, options) => {
        try {
          const result = respond('submit', name, options);
          const submitted: Submitted = { result, transactionId: `tx-${name}`, blockNumber: 7n };
          return Promise.resolve(submitted);
        } catch (err) {
          return Promise.reject(err as Error);
        }
      },
      evaluate: (name, options) => {
        try {
          return Promise.resolve(respond('evaluate', name, options));
        } catch (err) {
          return Promise.reject(err as Error);
        }
      },
    };
    return Promise.resolve(contract);
  }

  submits(): Call[] {
    return this.calls.filter((c) => c.kind === 'submit');
  }
}
