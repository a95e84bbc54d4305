import { randomUUID } from 'node:crypto';
import { ApiError } from '../../http/api-error';
import { blockNumberOf } from '../../fabric/block-lookup';
import type { GatewayPool } from '../../fabric/gateway-pool';
import { ReferralClient, type LedgerReferral } from '../../fabric/referral-client';
import type { PatientPseudonym } from '../../patient/patient-pseudonym';
import type { UnitRegistry } from '../../units/unit-registry';
import type { Principal } from '../auth/auth-token';
import type { CreateReferralRequest } from './referrals.schemas';

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

  public async create(caller: Principal, request: CreateReferralRequest): Promise<{ referral: ReturnType<ReferralsService['view']>; txId: string }> {
    const to = this.#units.find(request.toHcode);
    if (to === undefined) throw new ApiError('UNKNOWN_HCODE', `no unit with hcode ${request.toHcode}`);
    const { patient, referralId, ...codes } = request;
    const payload = {
      ...codes,
      referralId: referralId ?? `R-${randomUUID()}`,
      patientPseudonym: this.#pseudonyms.fromCid(patient.cid),
    };
    const client = await this.#client(caller);
    const committed = await client.create(payload, [caller.mspId, to.mspId]);
    return { referral: this.view(committed.value), txId: committed.txId };
  }

  public async get(caller: Principal, id: string): Promise<ReturnType<ReferralsService['view']>> {
    return this.view(await (await this.#client(caller)).get(id));
  }

  public async accept(caller: Principal, id: string, note: string): Promise<{ referral: ReturnType<ReferralsService['view']>; txId: string }> {
    const client = await this.#client(caller);
    const current = await client.get(id);
    const committed = await client.accept(id, note, [current.fromMsp, current.toMsp]);
    return { referral: this.view(committed.value), txId: committed.txId };
  }

  public async reject(
    caller: Principal,
    id: string,
    reasonCode: string,
    reasonText: string,
  ): Promise<{ referral: ReturnType<ReferralsService['view']>; txId: string }> {
    const client = await this.#client(caller);
    const current = await client.get(id);
    const committed = await client.reject(id, reasonCode, reasonText, [current.fromMsp, current.toMsp]);
    return { referral: this.view(committed.value), txId: committed.txId };
  }

  /** Every committed version of the referral, oldest first, with block numbers and the acting unit. */
  public async history(caller: Principal, id: string): Promise<HistoryEntry[]> {
    const connection = await this.#pool.connectionFor(caller);
    const entries = await new ReferralClient(connection).history(id);
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
  public view(referral: LedgerReferral): LedgerReferral & { from: UnitSummary; to: UnitSummary } {
    return { ...referral, from: this.#summary(referral.fromHcode), to: this.#summary(referral.toHcode) };
  }

  #summary(hcode: string): UnitSummary {
    const unit = this.#units.find(hcode);
    return { hcode, nameTh: unit?.nameTh ?? null, nameEn: unit?.nameEn ?? null, type: unit?.type ?? null };
  }

  async #client(caller: Principal): Promise<ReferralClient> {
    return new ReferralClient(await this.#pool.connectionFor(caller));
  }
}

interface UnitSummary {
  hcode: string;
  nameTh: string | null;
  nameEn: string | null;
  type: string | null;
}
