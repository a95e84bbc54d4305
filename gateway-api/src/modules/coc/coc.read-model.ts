import { cocChangedSchema, type LedgerCase, type LedgerVisit } from './coc.schemas';

/** Where a projected version was committed. */
export interface LedgerPosition {
  readonly blockNumber: number;
  readonly txIndex: number;
  readonly txId: string;
}

/** A projected case: the public ledger case and the position of that version. */
export type CaseRecord = LedgerCase & { readonly ledger: LedgerPosition };
/** A projected visit. */
export type VisitRecord = LedgerVisit & { readonly ledger: LedgerPosition };

/** Which cases to read. Every given field must match. */
export interface CaseFilter {
  readonly districtMsp?: string;
  readonly healthCentreHcode?: string;
  /** Cases where this username is on the team (any role). */
  readonly teamUsername?: string;
  readonly status?: 'open' | 'closed';
}

/** Which visits to read: those of the cases, dated within [from, to] (inclusive; either optional). */
export interface VisitFilter {
  readonly caseIds: readonly string[];
  readonly from?: string;
  readonly to?: string;
}

/**
 * The COC part of the query store, filled by the projector from `CocChanged` events. Saves are
 * idempotent and only apply a version newer (block, tx index) than the stored one.
 */
export interface CocReadModel {
  saveCase(record: CaseRecord): Promise<void>;
  saveVisit(record: VisitRecord): Promise<void>;
  findCases(filter: CaseFilter): Promise<CaseRecord[]>;
  findVisits(filter: VisitFilter): Promise<VisitRecord[]>;
}

/** True when `a` was committed after `b`. */
export function isNewer(a: LedgerPosition, b: LedgerPosition): boolean {
  return a.blockNumber !== b.blockNumber ? a.blockNumber > b.blockNumber : a.txIndex > b.txIndex;
}

/**
 * Applies one `CocChanged` event (its payload bytes) to the read model. For the projector: call it
 * for each valid transaction of the chaincode whose event name is `CocChanged`.
 *
 * @throws ZodError when the payload is not a COC event
 */
export async function projectCocChanged(model: CocReadModel, payload: Uint8Array, ledger: LedgerPosition): Promise<void> {
  await applyCocChange(model, { ...ledger, payload: JSON.parse(Buffer.from(payload).toString('utf8')) as unknown });
}

/**
 * What the projector picks out of blocks for COC (the same `ChangeSelector` shape as the referral
 * projection's): the chaincode `referral` (one chaincode serves every contract), event `CocChanged`.
 */
export const COC_CHANGES = { chaincode: 'referral', eventName: 'CocChanged', keyType: 'coc~case' } as const;

/** One valid `CocChanged` transaction as `referralChangesOf(block, COC_CHANGES)` returns it (payload already parsed). */
export interface CocChange {
  readonly txId: string;
  readonly blockNumber: number;
  readonly txIndex: number;
  readonly payload: unknown;
}

/** Applies one parsed `CocChanged` change (idempotent: replays and older versions are no-ops). */
export async function applyCocChange(model: CocReadModel, change: CocChange): Promise<void> {
  const event = cocChangedSchema.parse(change.payload);
  const ledger = { blockNumber: change.blockNumber, txIndex: change.txIndex, txId: change.txId };
  await model.saveCase({ ...event.case, ledger });
  if (event.visit !== undefined) await model.saveVisit({ ...event.visit, ledger });
}

function matchesCase(record: CaseRecord, filter: CaseFilter): boolean {
  if (filter.districtMsp !== undefined && record.districtMsp !== filter.districtMsp) return false;
  if (filter.healthCentreHcode !== undefined && record.healthCentreHcode !== filter.healthCentreHcode) return false;
  if (filter.status !== undefined && record.status !== filter.status) return false;
  if (filter.teamUsername !== undefined) {
    const t = record.team;
    if (![t.volunteer.username, t.officer.username, t.familyDoctor.username].includes(filter.teamUsername)) return false;
  }
  return true;
}

/** The read model in memory (tests, and a gateway without a store). */
export class InMemoryCocReadModel implements CocReadModel {
  readonly #cases = new Map<string, CaseRecord>();
  readonly #visits = new Map<string, VisitRecord>();

  public saveCase(record: CaseRecord): Promise<void> {
    const current = this.#cases.get(record.id);
    if (current === undefined || isNewer(record.ledger, current.ledger)) this.#cases.set(record.id, record);
    return Promise.resolve();
  }

  public saveVisit(record: VisitRecord): Promise<void> {
    const current = this.#visits.get(record.id);
    if (current === undefined || isNewer(record.ledger, current.ledger)) this.#visits.set(record.id, record);
    return Promise.resolve();
  }

  public findCases(filter: CaseFilter): Promise<CaseRecord[]> {
    return Promise.resolve([...this.#cases.values()].filter((c) => matchesCase(c, filter)).sort((a, b) => a.id.localeCompare(b.id)));
  }

  public findVisits(filter: VisitFilter): Promise<VisitRecord[]> {
    const ids = new Set(filter.caseIds);
    return Promise.resolve(
      [...this.#visits.values()]
        .filter((v) => ids.has(v.caseId) && (filter.from === undefined || v.visitedOn >= filter.from) && (filter.to === undefined || v.visitedOn <= filter.to))
        .sort((a, b) => a.visitedOn.localeCompare(b.visitedOn) || a.id.localeCompare(b.id)),
    );
  }
}
