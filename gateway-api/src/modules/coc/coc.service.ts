import { randomUUID } from 'node:crypto';
import type { z } from 'zod';
import { jsonOf, type LedgerAccess, type LedgerContract } from '../../fabric/ledger-contract';
import { ApiError } from '../../http/api-error';
import type { PatientPseudonym } from '../../patient/patient-pseudonym';
import type { UnitRegistry } from '../../units/unit-registry';
import type { Principal } from '../auth/auth-token';
import type { UserDirectory } from '../auth/user-directory';
import { dueList, type DueItem } from './coc-due';
import { thaiToday } from './coc-dates';
import { cocIndicators, visitWindowStart, type Indicators } from './coc-indicators';
import {
  ledgerCaseSchema,
  ledgerVisitSchema,
  privateAnswerSchema,
  type LedgerCase,
  type LedgerVisit,
  TEAM_ROLES,
  type OpenCaseRequest,
  type RecordVisitRequest,
  type TeamRole,
  type UpdateCaseRequest,
} from './coc.schemas';
import type { CaseFilter, CaseRecord, CocReadModel, VisitRecord } from './coc.read-model';
import type { ScheduleTable, VisitSchedule } from './visit-schedule';
import { periodOf } from './coc-dates';

/** Who countersigns a visit by each team role (the chaincode enforces the same table). */
export const COUNTERSIGNER: Readonly<Record<TeamRole, TeamRole>> = { volunteer: 'officer', officer: 'familyDoctor', familyDoctor: 'officer' };

/** Name of the COC contract in the chaincode. */
export const COC_CONTRACT = 'CocContract';

/** A committed change: the ledger's answer and the transaction id. */
export interface CaseResult {
  readonly case: LedgerCase;
  readonly txId: string;
}
export interface VisitResult {
  readonly visit: LedgerVisit;
  readonly txId: string;
}

/** Private details with their hash check against the channel. */
export type PrivateDetails = z.infer<typeof privateAnswerSchema>;

/** Dependencies of {@link CocService}. */
export interface CocServiceOptions {
  readonly ledger: LedgerAccess;
  readonly units: UnitRegistry;
  readonly users: UserDirectory;
  readonly pseudonyms: PatientPseudonym;
  readonly schedule: VisitSchedule;
  /** The COC projection; without it the due list and indicators answer STORE_UNAVAILABLE. */
  readonly readModel?: CocReadModel;
  /** Today in Thailand (tests fix it). */
  readonly today?: () => string;
}

/** Who must endorse the write of a case: the district organisation, and every organisation holding its private details. */
function endorsersOf(c: LedgerCase): string[] {
  return [...new Set([c.districtMsp, ...c.sharedWithMsps])].sort();
}

/**
 * COC use cases: each ledger call acts as the calling staff member (their own identity through their
 * own organisation's peer); lists, due visits and indicators come from the COC projection.
 */
export class CocService {
  readonly #ledger: LedgerAccess;
  readonly #units: UnitRegistry;
  readonly #users: UserDirectory;
  readonly #pseudonyms: PatientPseudonym;
  readonly #schedule: VisitSchedule;
  readonly #readModel: CocReadModel | undefined;
  readonly #today: () => string;

  public constructor(options: Readonly<CocServiceOptions>) {
    this.#ledger = options.ledger;
    this.#units = options.units;
    this.#users = options.users;
    this.#pseudonyms = options.pseudonyms;
    this.#schedule = options.schedule;
    this.#readModel = options.readModel;
    this.#today = options.today ?? (() => thaiToday());
  }

  /** Registers a patient in the COC registry, or opens/updates the case from a back-referral. */
  public async openCase(caller: Principal, request: OpenCaseRequest): Promise<CaseResult> {
    const centre = this.#units.find(request.healthCentreHcode);
    if (centre === undefined) throw new ApiError('UNKNOWN_HCODE', `no unit with hcode ${request.healthCentreHcode}`);
    if (centre.type !== 'health-centre' || centre.parentHcode === null) {
      throw new ApiError('INVALID_ARGUMENT', `unit ${centre.hcode} is not a health centre (รพ.สต.)`, [{ path: 'healthCentreHcode' }]);
    }
    const team = this.#team(request.team, centre.hcode, centre.parentHcode, centre.mspId);
    const payload: Record<string, unknown> = {
      caseId: request.caseId ?? `C-${randomUUID()}`,
      healthCentreHcode: centre.hcode,
      adl: request.adl,
      team,
    };
    const endorsers = [centre.mspId];
    if (request.referralId !== undefined) {
      payload.referralId = request.referralId;
      endorsers.push(...(await this.#referralOrgs(caller, request.referralId)));
    } else if (request.patient !== undefined) {
      payload.patientPseudonym = this.#pseudonyms.fromCid(request.patient.cid);
    }
    const contract = await this.#contract(caller);
    const submitted = await contract.submit('OpenCase', {
      arguments: [JSON.stringify(payload)],
      ...(request.caseDetails === undefined ? {} : { transientData: { caseDetails: JSON.stringify(request.caseDetails) } }),
      endorsingOrganizations: [...new Set(endorsers)].sort(),
    });
    return { case: ledgerCaseSchema.parse(jsonOf(submitted.result)), txId: submitted.transactionId };
  }

  /** Changes the ADL assessment, the team and/or the private care plan of an open case. */
  public async updateCase(caller: Principal, caseId: string, request: UpdateCaseRequest): Promise<CaseResult> {
    const contract = await this.#contract(caller);
    const current = await this.#case(contract, caseId);
    const payload: Record<string, unknown> = {};
    if (request.adl !== undefined) payload.adl = request.adl;
    if (request.team !== undefined) payload.team = this.#team(request.team, current.healthCentreHcode, current.districtHcode, current.districtMsp);
    if (request.note !== undefined) payload.note = request.note;
    const submitted = await contract.submit('UpdateCase', {
      arguments: [caseId, JSON.stringify(payload)],
      ...(request.caseDetails === undefined ? {} : { transientData: { caseDetails: JSON.stringify(request.caseDetails) } }),
      endorsingOrganizations: endorsersOf(current),
    });
    return { case: ledgerCaseSchema.parse(jsonOf(submitted.result)), txId: submitted.transactionId };
  }

  public async closeCase(caller: Principal, caseId: string, reason: string): Promise<CaseResult> {
    const contract = await this.#contract(caller);
    const current = await this.#case(contract, caseId);
    const submitted = await contract.submit('CloseCase', { arguments: [caseId, reason], endorsingOrganizations: [current.districtMsp] });
    return { case: ledgerCaseSchema.parse(jsonOf(submitted.result)), txId: submitted.transactionId };
  }

  public async getCase(caller: Principal, caseId: string): Promise<LedgerCase> {
    return this.#case(await this.#contract(caller), caseId);
  }

  public async caseDetails(caller: Principal, caseId: string): Promise<PrivateDetails> {
    const bytes = await (await this.#contract(caller)).evaluate('GetCaseDetails', { arguments: [caseId] });
    return privateAnswerSchema.parse(jsonOf(bytes));
  }

  /**
   * Records a home visit under its client-chosen id. A repeated sync answers 409 COC_VISIT_EXISTS with
   * `details.sameContent` (true: the queue may drop it as synced) and the visit as recorded.
   */
  public async recordVisit(caller: Principal, request: RecordVisitRequest): Promise<VisitResult> {
    const contract = await this.#contract(caller);
    const current = await this.#case(contract, request.caseId);
    try {
      const submitted = await contract.submit('RecordVisit', {
        arguments: [JSON.stringify({ visitId: request.visitId, caseId: request.caseId, visitedOn: request.visitedOn })],
        transientData: { visitDetails: JSON.stringify(request.details) },
        endorsingOrganizations: endorsersOf(current),
      });
      return { visit: ledgerVisitSchema.parse(jsonOf(submitted.result)), txId: submitted.transactionId };
    } catch (err) {
      if (err instanceof ApiError && err.code === 'COC_VISIT_EXISTS') {
        const sameContent = /with the same content/.test(err.message);
        const visit = await this.#visit(contract, request.caseId, request.visitId).catch(() => undefined);
        throw new ApiError('COC_VISIT_EXISTS', err.message, { visitId: request.visitId, sameContent, ...(visit === undefined ? {} : { visit }) }, { cause: err });
      }
      if (err instanceof ApiError && err.code === 'COC_CASE_CLOSED') {
        throw new ApiError('COC_CASE_CLOSED', err.message, { caseId: request.caseId, visitId: request.visitId, closedAt: current.closedAt ?? null }, { cause: err });
      }
      throw err;
    }
  }

  public async getVisit(caller: Principal, caseId: string, visitId: string): Promise<LedgerVisit> {
    return this.#visit(await this.#contract(caller), caseId, visitId);
  }

  public async visitDetails(caller: Principal, caseId: string, visitId: string): Promise<PrivateDetails> {
    const bytes = await (await this.#contract(caller)).evaluate('GetVisitDetails', { arguments: [caseId, visitId] });
    return privateAnswerSchema.parse(jsonOf(bytes));
  }

  /** The second signature: officer confirms a volunteer visit; family doctor reviews an officer visit. */
  public async countersign(caller: Principal, caseId: string, visitId: string, note: string): Promise<VisitResult> {
    const contract = await this.#contract(caller);
    const current = await this.#case(contract, caseId);
    const submitted = await contract.submit('CountersignVisit', { arguments: [caseId, visitId, note], endorsingOrganizations: [current.districtMsp] });
    return { visit: ledgerVisitSchema.parse(jsonOf(submitted.result)), txId: submitted.transactionId };
  }

  /**
   * Visits waiting for the caller's countersignature (projection): recorded visits of the caller's
   * team cases whose author's countersigner role is the caller's role on that team.
   */
  public async awaitingCountersign(caller: Principal): Promise<VisitRecord[]> {
    const store = this.#store();
    const cases = await store.findCases({ teamUsername: caller.username });
    const roleOn = new Map(cases.map((c) => [c.id, TEAM_ROLES.find((r) => c.team[r].username === caller.username)]));
    const visits = await store.findVisits({ caseIds: cases.map((c) => c.id) });
    return visits.filter((v) => {
      const mine = roleOn.get(v.caseId);
      return v.status === 'recorded' && v.author.username !== caller.username && v.author.teamRole !== null && mine !== undefined && COUNTERSIGNER[v.author.teamRole] === mine;
    });
  }

  /** Cases the caller may list (projection). */
  public async listCases(caller: Principal, status?: 'open' | 'closed'): Promise<CaseRecord[]> {
    return this.#store().findCases({ ...this.#visibility(caller), ...(status === undefined ? {} : { status }) });
  }

  /**
   * Visits owed on `asOf`: `mine` = the caller's own visits as a team member; `unit` = every team
   * member's visits of the cases the caller's unit manages (not for volunteers).
   */
  public async due(caller: Principal, scope: 'mine' | 'unit', asOf?: string): Promise<{ asOf: string; scheduleVersion: string | null; items: DueItem[]; overdue: number }> {
    const day = asOf ?? this.#today();
    const store = this.#store();
    const mine = scope === 'mine' || caller.role === 'volunteer';
    const cases = await store.findCases(mine ? { teamUsername: caller.username, status: 'open' } : { ...this.#visibility(caller), status: 'open' });
    const items = dueList(cases, this.#schedule, day, mine ? caller.username : undefined);
    return { asOf: day, scheduleVersion: this.#schedule.versionOn(day)?.version ?? null, items, overdue: items.filter((i) => i.status === 'overdue').length };
  }

  /** % visited per standard and % with a better ADL group, per health centre or district, for the month or quarter containing `at`. */
  public async indicators(caller: Principal, options: { period: 'month' | 'quarter'; at?: string; by: 'health-centre' | 'district' }): Promise<Indicators & { units: Record<string, string | null> }> {
    const at = options.at ?? this.#today();
    const store = this.#store();
    const cases = await store.findCases(this.#visibility(caller));
    const period = periodOf(options.period, at);
    const visits = await store.findVisits({ caseIds: cases.map((c) => c.id), from: visitWindowStart(this.#schedule, period.to, period.from), to: period.to });
    const result = cocIndicators(cases, visits, this.#schedule, { period: options.period, at, by: options.by, asOf: this.#today() });
    const units = Object.fromEntries(result.rows.map((r) => [r.hcode ?? '', this.#units.find(r.hcode ?? '')?.nameTh ?? null]));
    return { ...result, units };
  }

  public schedule(): ScheduleTable {
    return this.#schedule.table();
  }

  /** Auditors see the province; hospital staff their district organisation; health-centre staff and volunteers their health centre. */
  #visibility(caller: Principal): CaseFilter {
    if (caller.role === 'auditor') return {};
    const unit = this.#units.find(caller.hcode);
    if (unit?.type === 'hospital') return { districtMsp: caller.mspId };
    return { districtMsp: caller.mspId, healthCentreHcode: caller.hcode };
  }

  #store(): CocReadModel {
    if (this.#readModel === undefined) throw new ApiError('STORE_UNAVAILABLE', 'the COC query store is not available');
    return this.#readModel;
  }

  /** Resolves the team's usernames against the staff directory and checks each role, designation, unit and organisation. */
  #team(team: Readonly<Record<TeamRole, string>>, centreHcode: string, districtHcode: string, mspId: string): Record<TeamRole, { username: string; hcode: string }> {
    const expect: Record<TeamRole, { roles: readonly string[]; hcode: string; designation?: string; label: string }> = {
      volunteer: { roles: ['volunteer'], hcode: centreHcode, label: 'a volunteer (อสม.) of the health centre' },
      officer: { roles: ['nurse', 'clinician'], hcode: centreHcode, label: 'a nurse or officer of the health centre' },
      familyDoctor: { roles: ['clinician'], hcode: districtHcode, designation: 'family-doctor', label: 'a family doctor of the district hospital' },
    };
    const out = {} as Record<TeamRole, { username: string; hcode: string }>;
    for (const role of Object.keys(expect) as TeamRole[]) {
      const rule = expect[role];
      const user = this.#users.find(team[role]);
      const ok =
        user !== undefined &&
        rule.roles.includes(user.role) &&
        user.hcode === rule.hcode &&
        user.mspId === mspId &&
        (rule.designation === undefined || user.designation === rule.designation);
      if (!ok) throw new ApiError('COC_TEAM_INVALID', `team.${role} must be ${rule.label}`, [{ path: `team.${role}` }]);
      out[role] = { username: team[role], hcode: rule.hcode };
    }
    return out;
  }

  /** The organisations of a referral's two parties (the referring hospital shares the private details). */
  async #referralOrgs(caller: Principal, referralId: string): Promise<string[]> {
    const referral = jsonOf(await (await this.#ledger.contractFor({ username: caller.username, mspId: caller.mspId })).evaluate('GetReferral', { arguments: [referralId] })) as {
      fromMsp?: unknown;
    };
    return typeof referral.fromMsp === 'string' ? [referral.fromMsp] : [];
  }

  async #contract(caller: Principal): Promise<LedgerContract> {
    return this.#ledger.contractFor({ username: caller.username, mspId: caller.mspId }, COC_CONTRACT);
  }

  async #case(contract: LedgerContract, caseId: string): Promise<LedgerCase> {
    return ledgerCaseSchema.parse(jsonOf(await contract.evaluate('GetCase', { arguments: [caseId] })));
  }

  async #visit(contract: LedgerContract, caseId: string, visitId: string): Promise<LedgerVisit> {
    return ledgerVisitSchema.parse(jsonOf(await contract.evaluate('GetVisit', { arguments: [caseId, visitId] })));
  }
}
