import { randomUUID } from 'node:crypto';
import { ApiError } from '../../http/api-error';
import { blockNumberOf } from '../../fabric/block-lookup';
import type { GatewayPool } from '../../fabric/gateway-pool';
import { ReferralClient, type ClinicalSummaryRecord, type Committed, type LedgerReferral, type LifecycleTransaction } from '../../fabric/referral-client';
import type { PatientPseudonym } from '../../patient/patient-pseudonym';
import type { Unit, UnitRegistry } from '../../units/unit-registry';
import type { Principal } from '../auth/auth-token';
import type { z } from 'zod';
import type { backReferralSchema, CreateReferralRequest, onwardReferralSchema } from './referrals.schemas';

type ChildReferralRequest = z.output<typeof backReferralSchema> | z.output<typeof onwardReferralSchema>;
export type ReferralView = LedgerReferral & { from: UnitSummary; to: UnitSummary };
export interface WriteResult {
  readonly referral: ReferralView;
  readonly txId: string;
}

/** One signed step of a referral's history, with where it sits on the chain. */
export interface HistoryEntry {
  readonly txId: string;
  readonly blockNumber: number | null;
  readonly timestamp: string;
  readonly action: string;
  readonly status: string;
  readonly actingUnit: { hcode: string; name: string | null; mspId: string; role: string; actor: string };
}

/** Referral use cases: each call acts on the ledger as the calling staff member. */
export class ReferralsService {
  readonly #pool: GatewayPool;
  readonly #units: UnitRegistry;
  readonly #pseudonyms: PatientPseudonym;

  public constructor(deps: Readonly<{ pool: GatewayPool; units: UnitRegistry; pseudonyms: PatientPseudonym }>) {
    this.#pool = deps.pool;
    this.#units = deps.units;
    this.#pseudonyms = deps.pseudonyms;
  }

  public async create(caller: Principal, request: CreateReferralRequest): Promise<WriteResult> {
    const to = this.#unit(request.toHcode);
    const { patient, referralId, clinicalSummary, ...codes } = request;
    const payload = {
      ...codes,
      referralId: referralId ?? `R-${randomUUID()}`,
      patientPseudonym: this.#pseudonyms.fromCid(patient.cid),
    };
    const client = await this.#client(caller);
    return this.#result(await client.create(payload, [caller.mspId, to.mspId], clinicalSummary));
  }

  /**
   * A back-referral (to a health centre, reason 4) or an onward referral (to a third unit) made by
   * the receiving unit of `parentId`; the chaincode links it and carries the patient's pseudonym over.
   */
  public async createChild(caller: Principal, parentId: string, kind: 'back-referral' | 'onward', request: ChildReferralRequest): Promise<WriteResult> {
    const to = this.#unit(request.toHcode);
    const { referralId, clinicalSummary, ...codes } = request;
    const payload = {
      reasonCode: '4',
      ...codes,
      referralId: referralId ?? `R-${randomUUID()}`,
      parentReferralId: parentId,
      kind,
    };
    const client = await this.#client(caller);
    return this.#result(await client.create(payload, [caller.mspId, to.mspId], clinicalSummary));
  }

  public async get(caller: Principal, id: string): Promise<ReferralView> {
    return this.view(await (await this.#client(caller)).get(id));
  }

  /** One lifecycle step, signed by the caller and endorsed by both parties' peers. */
  public async step(caller: Principal, id: string, transaction: LifecycleTransaction, args: readonly string[]): Promise<WriteResult> {
    const client = await this.#client(caller);
    const current = await client.get(id);
    return this.#result(await client.step(transaction, [id, ...args], [current.fromMsp, current.toMsp]));
  }

  /** The private clinical summary (parties only), with a check of its hash against the channel. */
  public async clinicalSummary(caller: Principal, id: string): Promise<ClinicalSummaryRecord> {
    return (await this.#client(caller)).clinicalSummary(id);
  }

  /** Every committed version of the referral, oldest first, with block numbers and the acting unit. */
  public async history(caller: Principal, id: string): Promise<HistoryEntry[]> {
    const connection = await this.#pool.connectionFor(caller);
    const entries = await new ReferralClient(connection.contract).history(id);
    const ordered = [...entries].sort((a, b) => a.timestamp.localeCompare(b.timestamp));
    return Promise.all(
      ordered.map(async (entry) => {
        const step = entry.value?.steps.find((s) => s.txId === entry.txId) ?? entry.value?.steps.at(-1);
        return {
          txId: entry.txId,
          blockNumber: await blockNumberOf(connection.network, entry.txId),
          timestamp: entry.timestamp,
          action: step?.action ?? (entry.isDelete ? 'delete' : 'unknown'),
          status: entry.value?.status ?? 'deleted',
          actingUnit: {
            hcode: step?.hcode ?? '',
            name: step ? (this.#units.find(step.hcode)?.nameEn ?? null) : null,
            mspId: step?.mspId ?? '',
            role: step?.role ?? '',
            actor: step?.actor ?? '',
          },
        };
      }),
    );
  }

  /** The API shape of a referral: ledger fields plus the names of both units. */
  public view(referral: LedgerReferral): ReferralView {
    return { ...referral, from: this.#summary(referral.fromHcode), to: this.#summary(referral.toHcode) };
  }

  #summary(hcode: string): UnitSummary {
    const unit = this.#units.find(hcode);
    return { hcode, nameTh: unit?.nameTh ?? null, nameEn: unit?.nameEn ?? null, type: unit?.type ?? null };
  }

  #unit(hcode: string): Unit {
    const unit = this.#units.find(hcode);
    if (unit === undefined) throw new ApiError('UNKNOWN_HCODE', `no unit with hcode ${hcode}`);
    return unit;
  }

  #result(committed: Committed<LedgerReferral>): WriteResult {
    return { referral: this.view(committed.value), txId: committed.txId };
  }

  async #client(caller: Principal): Promise<ReferralClient> {
    return new ReferralClient((await this.#pool.connectionFor(caller)).contract, caller.mspId);
  }
}

interface UnitSummary {
  hcode: string;
  nameTh: string | null;
  nameEn: string | null;
  type: string | null;
}
