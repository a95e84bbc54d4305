import { randomBytes, randomUUID } from 'node:crypto';
import path from 'node:path';
import { ApiError } from '../../http/api-error';
import { jsonOf, type LedgerAccess, type LedgerContract } from '../../fabric/ledger-contract';
import { PatientPseudonym } from '../../patient/patient-pseudonym';
import type { Principal } from '../auth/auth-token';
import type { Role } from '../auth/user-directory';
import { PharmacyCatalogue } from './pharmacy-catalogue';
import { indicatorsOf, type CycleRow, type PharmacyIndicators, type PharmacyReadModel } from './pharmacy-read-model';
import {
  cycleSchema,
  planItemsSchema,
  planViewSchema,
  type ChangeChannelRequest,
  type CreatePlanRequest,
  type CustodyStepRequest,
  type DispenseRequest,
  type LedgerCycle,
  type PlanItems,
  type PlanView,
} from './pharmacy.schemas';

/** Name of the chaincode contract this module calls. */
export const PHARMACY_CONTRACT = 'PharmacyContract';

/** A committed write with its transaction. */
export interface CycleWrite {
  readonly cycle: LedgerCycle;
  readonly txId: string;
  /**
   * For a post or volunteer delivery: the one-time code to give the patient (printed slip / SMS), who hands it
   * over on delivery. Only its salted hash is on the ledger; the gateway keeps no copy.
   */
  readonly confirmationCode?: string;
}

const CODE_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';

/** A 16-character one-time code (80 bits) without look-alike characters. */
export function newConfirmationCode(): string {
  return [...randomBytes(16)].map((b) => CODE_ALPHABET[b % CODE_ALPHABET.length]).join('');
}

/** Today in Asia/Bangkok (YYYY-MM-DD). */
function bangkokToday(now: Date): string {
  return new Date(now.getTime() + 7 * 3_600_000).toISOString().slice(0, 10);
}

/** Flags deliveries not confirmed by their confirmBy day. */
export function withOverdue(view: PlanView, now: Date): PlanView {
  const today = bangkokToday(now);
  return {
    ...view,
    cycles: view.cycles.map((c) =>
      c.custody === undefined ? c : { ...c, overdue: !['delivered', 'returned'].includes(c.custody.status) && today > c.custody.confirmBy },
    ),
  };
}

const DISPENSER_ROLES: readonly Role[] = ['pharmacist', 'nurse'];
/** Reads of the cycle after a dispense whose commit status stayed unknown (1 s apart by default). */
const UNKNOWN_OUTCOME_READS = 5;
const CHANNEL_ROLES: readonly Role[] = ['clinician', 'nurse', 'pharmacist'];

function requireRole(caller: Principal, roles: readonly Role[], action: string): void {
  if (!roles.includes(caller.role)) throw new ApiError('FORBIDDEN_ROLE', `role ${caller.role} may not ${action}`, { role: caller.role, allowed: roles });
}

function narrow<T>(schema: { safeParse(value: unknown): { success: true; data: T } | { success: false } }, bytes: Uint8Array): T {
  const parsed = schema.safeParse(jsonOf(bytes));
  if (!parsed.success) throw new ApiError('LEDGER_CORRUPT', 'the ledger answered with an unexpected record');
  return parsed.data;
}

/**
 * Continued-medicine refills: each call acts on the ledger as the calling staff member (their own identity,
 * their own organisation's peer) through PharmacyContract. Item lists travel only in the transient map.
 * The once-per-cycle rule is the chaincode's (one key per cycle, MVCC); this service turns a lost race
 * (LEDGER_CONFLICT) into the stable ALREADY_DISPENSED when the cycle is by then dispensed.
 */
export class PharmacyService {
  readonly #ledger: LedgerAccess;
  readonly #pseudonyms: PatientPseudonym;
  readonly #catalogue: PharmacyCatalogue;
  readonly #now: () => Date;
  readonly #readModel: PharmacyReadModel | undefined;
  readonly #unknownOutcomeDelayMs: number;

  public constructor(
    deps: Readonly<{ ledger: LedgerAccess; pseudonyms: PatientPseudonym; catalogue: PharmacyCatalogue; now?: () => Date; readModel?: PharmacyReadModel; unknownOutcomeDelayMs?: number }>,
  ) {
    this.#readModel = deps.readModel;
    this.#unknownOutcomeDelayMs = deps.unknownOutcomeDelayMs ?? 1_000;
    this.#ledger = deps.ledger;
    this.#pseudonyms = deps.pseudonyms;
    this.#catalogue = deps.catalogue;
    this.#now = deps.now ?? (() => new Date());
  }

  /** The TMT subset, refill rules and partner drugstores (for forms). */
  public get catalogue(): PharmacyCatalogue {
    return this.#catalogue;
  }

  /** Creates a plan signed by the calling hospital clinician. */
  public async createPlan(caller: Principal, request: CreatePlanRequest): Promise<PlanView & { txId: string }> {
    requireRole(caller, ['clinician'], 'create a refill plan');
    this.#checkDrugs(request.items);
    const { patient, items, planId, ...schedule } = request;
    const payload = { ...schedule, planId: planId ?? `RX-${randomUUID()}`, patientPseudonym: this.#pseudonyms.fromCid(patient.cid) };
    const contract = await this.#contract(caller);
    const submitted = await contract.submit('CreateRefillPlan', {
      arguments: [JSON.stringify(payload)],
      transientData: { items: JSON.stringify(items) },
      endorsingOrganizations: [caller.mspId],
    });
    return { ...narrow(planViewSchema, submitted.result), txId: submitted.transactionId };
  }

  /** Work list of a pharmacist or รพ.สต. nurse: open cycles planned at their unit, earliest due first. */
  public async dueAtMyUnit(caller: Principal): Promise<CycleRow[]> {
    requireRole(caller, DISPENSER_ROLES, 'see refills due at a unit');
    return this.#store().dueAt(caller.hcode, 200);
  }

  /** Work list of a volunteer: deliveries they picked up and have not yet delivered or returned. */
  public async myDeliveries(caller: Principal): Promise<CycleRow[]> {
    requireRole(caller, ['volunteer'], 'see volunteer deliveries');
    return this.#store().deliveriesOf(caller.username);
  }

  /** Share of refills dispensed outside the hospital, on-time delivery rate (for the dashboard). */
  public async indicators(): Promise<PharmacyIndicators> {
    return indicatorsOf(await this.#store().dispensed(), bangkokToday(this.#now()));
  }

  #store(): PharmacyReadModel {
    if (this.#readModel === undefined) throw new ApiError('STORE_UNAVAILABLE', 'the pharmacy read model is not configured on this gateway');
    return this.#readModel;
  }

  /** A plan and its cycles: channel changes and dispensing events (the dispensing history). */
  public async getPlan(caller: Principal, planId: string): Promise<PlanView> {
    return withOverdue(await this.#plan(await this.#contract(caller), planId), this.#now());
  }

  /** One signed custody step of a post / volunteer delivery; endorsed by the prescribing and the dispensing organisation. */
  public async recordCustody(caller: Principal, planId: string, cycle: number, request: CustodyStepRequest): Promise<CycleWrite> {
    requireRole(caller, ['pharmacist', 'nurse', 'volunteer'], 'record a delivery step');
    const contract = await this.#contract(caller);
    const view = await this.#plan(contract, planId);
    const current = view.cycles.find((c) => c.cycle === cycle);
    if (current?.dispense === undefined) {
      throw new ApiError('INVALID_TRANSITION', `cycle ${String(cycle)} of plan ${planId} has not been dispensed for delivery`, { planId, cycle });
    }
    const submitted = await contract.submit('RecordCustodyStep', {
      arguments: [planId, String(cycle), request.step, request.trackingNumber ?? ''],
      ...(request.confirmationCode === undefined ? {} : { transientData: { confirmationCode: request.confirmationCode } }),
      endorsingOrganizations: [view.plan.prescriberMsp, current.dispense.unitMsp],
    });
    return { cycle: narrow(cycleSchema, submitted.result), txId: submitted.transactionId };
  }


  /** The plan's items, for staff of the prescribing organisation. */
  public async getItems(caller: Principal, planId: string): Promise<PlanItems> {
    const contract = await this.#contract(caller);
    return narrow(planItemsSchema, await contract.evaluate('GetPlanItems', { arguments: [planId] }));
  }

  /** Moves a future cycle to another channel; endorsed by the prescribing organisation's peer too. */
  public async changeChannel(caller: Principal, planId: string, cycle: number, request: ChangeChannelRequest): Promise<CycleWrite> {
    requireRole(caller, CHANNEL_ROLES, 'change the channel of a refill');
    const contract = await this.#contract(caller);
    const { plan } = await this.#plan(contract, planId);
    const submitted = await contract.submit('ChangeCycleChannel', {
      arguments: [planId, String(cycle), request.channel, request.unitHcode ?? '', String(request.onBehalfOfPatient)],
      endorsingOrganizations: [plan.prescriberMsp],
    });
    return { cycle: narrow(cycleSchema, submitted.result), txId: submitted.transactionId };
  }

  /**
   * Records the dispense of a cycle. A concurrent dispense of the same cycle makes one of the two fail
   * validation (MVCC): the loser is answered 409 ALREADY_DISPENSED once the winner is visible.
   */
  public async dispense(caller: Principal, planId: string, cycle: number, request: DispenseRequest): Promise<CycleWrite> {
    requireRole(caller, DISPENSER_ROLES, 'dispense a refill');
    this.#checkDrugs(request.items);
    const contract = await this.#contract(caller);
    const { plan } = await this.#plan(contract, planId);
    // sent always; the chaincode keeps its hash only when the dispense is for post or volunteer delivery
    const confirmationCode = newConfirmationCode();
    const submit = async (): Promise<CycleWrite> => {
      const submitted = await contract.submit('DispenseCycle', {
        arguments: [planId, String(cycle), request.channel ?? ''],
        transientData: { items: JSON.stringify(request.items), confirmationCode },
        endorsingOrganizations: [plan.prescriberMsp],
      });
      const written = narrow(cycleSchema, submitted.result);
      return written.custody === undefined ? { cycle: written, txId: submitted.transactionId } : { cycle: written, txId: submitted.transactionId, confirmationCode };
    };
    try {
      return await submit();
    } catch (error) {
      if (error instanceof ApiError && error.code === 'LEDGER_UNAVAILABLE') return this.#afterUnknownOutcome(contract, planId, cycle, error, confirmationCode);
      if (!(error instanceof ApiError) || error.code !== 'LEDGER_CONFLICT') throw error;
      const view = await this.#plan(contract, planId);
      const current = view.cycles.find((c) => c.cycle === cycle);
      if (current?.dispense !== undefined) {
        throw new ApiError('ALREADY_DISPENSED', `cycle ${String(cycle)} of plan ${planId} was dispensed at ${current.dispense.at} by unit ${current.dispense.unitHcode}`, {
          planId,
          cycle,
          dispensedAt: current.dispense.at,
          unitHcode: current.dispense.unitHcode,
        });
      }
      // the conflict came from something else (a channel change): one more try, whose refusal is coded by the chaincode
      return submit();
    }
  }

  /**
   * A dispense whose commit status stayed unknown (peers slow under load: 503 LEDGER_UNAVAILABLE with the
   * transaction ID). Only one dispense of a cycle can be valid, so the cycle as the ledger now has it decides:
   * dispensed by this transaction: it succeeded; by another one: 409 ALREADY_DISPENSED (this one cannot commit);
   * still open after a few seconds: the 503 stands (a retry is safe: it gets ALREADY_DISPENSED if this one commits).
   */
  async #afterUnknownOutcome(contract: LedgerContract, planId: string, cycle: number, error: ApiError, confirmationCode: string): Promise<CycleWrite> {
    const txId = (error.details as { transactionId?: unknown } | undefined)?.transactionId;
    if (typeof txId !== 'string') throw error;
    for (let attempt = 0; attempt < UNKNOWN_OUTCOME_READS; attempt += 1) {
      let current: PlanView['cycles'][number] | undefined;
      try {
        current = (await this.#plan(contract, planId)).cycles.find((c) => c.cycle === cycle);
      } catch {
        throw error; // the ledger cannot be read either: the outcome stays unknown
      }
      if (current?.dispense !== undefined) {
        if (current.dispense.txId === txId) {
          return current.custody === undefined ? { cycle: current, txId } : { cycle: current, txId, confirmationCode };
        }
        throw new ApiError('ALREADY_DISPENSED', `cycle ${String(cycle)} of plan ${planId} was dispensed at ${current.dispense.at} by unit ${current.dispense.unitHcode}`, {
          planId,
          cycle,
          dispensedAt: current.dispense.at,
          unitHcode: current.dispense.unitHcode,
        });
      }
      await new Promise((resolve) => setTimeout(resolve, this.#unknownOutcomeDelayMs));
    }
    throw error;
  }

  async #plan(contract: LedgerContract, planId: string): Promise<PlanView> {
    return narrow(planViewSchema, await contract.evaluate('GetRefillPlan', { arguments: [planId] }));
  }

  #contract(caller: Principal): Promise<LedgerContract> {
    return this.#ledger.contractFor({ username: caller.username, mspId: caller.mspId }, PHARMACY_CONTRACT);
  }

  #checkDrugs(items: readonly { tmtId: string }[]): void {
    const unknown = items.map((i) => i.tmtId).filter((id) => !this.#catalogue.hasDrug(id));
    if (unknown.length > 0) throw new ApiError('UNKNOWN_DRUG_CODE', `drug ${unknown.join(', ')} is not in the TMT subset`, { tmtIds: unknown });
  }
}

/** Builds the service for main.ts: the rule tables from `<rootDir>/fixtures/pharmacy`, pseudonyms with the gateway's key. */
export function pharmacyServiceFrom(deps: Readonly<{ ledger: LedgerAccess; pseudonymKey: Buffer; rootDir: string; readModel?: PharmacyReadModel }>): PharmacyService {
  return new PharmacyService({
    ...(deps.readModel === undefined ? {} : { readModel: deps.readModel }),
    ledger: deps.ledger,
    pseudonyms: new PatientPseudonym(deps.pseudonymKey),
    catalogue: PharmacyCatalogue.fromDir(path.join(deps.rootDir, 'fixtures', 'pharmacy')),
  });
}
