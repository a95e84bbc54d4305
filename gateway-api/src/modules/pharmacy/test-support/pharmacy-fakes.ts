import path from 'node:path';
import { ApiError } from '../../../http/api-error';
import type { LedgerAccess, LedgerContract, ProposalOptions, SubmitOptions, Submitted } from '../../../fabric/ledger-contract';
import { PatientPseudonym } from '../../../patient/patient-pseudonym';
import type { Principal } from '../../auth/auth-token';
import { PharmacyCatalogue } from '../pharmacy-catalogue';
import type { PharmacyReadModel } from '../pharmacy-read-model';
import { PharmacyService } from '../pharmacy.service';

/** Test-only fakes for the pharmacy module (not part of the build's behaviour). */

export const CID = '1101700207030';
export const CLINICIAN: Principal = { username: 'clinician.buddhasothorn', role: 'clinician', hcode: '10697', mspId: 'BuddhasothornMSP' };
export const PHARMACIST: Principal = { username: 'pharmacist.bangkhla', role: 'pharmacist', hcode: '11138', mspId: 'BangKhlaMSP' };
export const VOLUNTEER: Principal = { username: 'volunteer.03882', role: 'volunteer', hcode: '03882', mspId: 'BuddhasothornMSP' };
export const ITEMS = [
  { tmtId: '990001', quantity: 180, sig: '1 เม็ด วันละ 2 ครั้ง' },
  { tmtId: '990004', quantity: 90 },
];

/** A plan view as the chaincode answers it, with `dispensed` cycles already dispensed (cycle 3 by post, when dispensed). */
export function planView(dispensed: readonly number[] = []): unknown {
  return {
    plan: {
      planId: 'RX-1',
      patientPseudonym: 'c'.repeat(64),
      prescriberHcode: '10697',
      prescriberMsp: 'BuddhasothornMSP',
      startDate: '2026-01-05',
      intervalDays: 28,
      cycleCount: 3,
      itemsHash: 'f'.repeat(64),
    },
    cycles: [1, 2, 3].map((cycle) => cycleRecord(cycle, dispensed.includes(cycle), cycle === 3)),
  };
}

/** One cycle record. */
export function cycleRecord(cycle: number, dispensed: boolean, byPost = false): unknown {
  return {
    planId: 'RX-1',
    cycle,
    dueDate: '2026-01-05',
    channel: 'hospital-pharmacy',
    unitHcode: '10697',
    status: dispensed ? 'dispensed' : 'scheduled',
    channelChanges: [],
    ...(dispensed
      ? {
          dispense: {
            at: '2026-01-05T03:00:00.000Z',
            txId: 'tx-winner',
            dispenser: { name: 'pharmacist.buddhasothorn', role: 'pharmacist', mspId: 'BuddhasothornMSP', hcode: '10697' },
            unitHcode: '10697',
            unitMsp: 'BuddhasothornMSP',
            channel: byPost ? 'post' : 'hospital-pharmacy',
            itemsHash: 'f'.repeat(64),
            matchesPlan: true,
          },
          ...(byPost ? { custody: { status: 'handed-to-post', confirmBy: '2026-01-12', confirmationHash: 'e'.repeat(64), trackingNumber: 'EF123456789TH', steps: [] } } : {}),
        }
      : {}),
  };
}

const bytes = (value: unknown): Uint8Array => Buffer.from(JSON.stringify(value), 'utf8');

/** A recorded call. */
export interface Call {
  readonly kind: 'submit' | 'evaluate';
  readonly staff: string;
  readonly name: string;
  readonly options: SubmitOptions | ProposalOptions | undefined;
}

/**
 * A fake PharmacyContract on a fake ledger with Fabric's ordering: submits made while a "block" is open are
 * endorsed against the state before the block; the first DispenseCycle of a cycle commits, later ones in the
 * same block fail with LEDGER_CONFLICT (MVCC), and ones after the block get the chaincode's ALREADY_DISPENSED.
 */
export class FakePharmacyLedger implements LedgerAccess {
  readonly calls: Call[] = [];
  readonly dispensed = new Set<number>();
  /** Thrown by the next submit (once), e.g. a conflict from a channel change. */
  nextSubmitError: ApiError | undefined;
  #tx = 0;

  contractFor(staff: { username: string }, contractName?: string): Promise<LedgerContract> {
    if (contractName !== 'PharmacyContract') throw new Error(`unexpected contract ${String(contractName)}`);
    const ledger = this;
    return Promise.resolve({
      submit(name: string, options?: SubmitOptions): Promise<Submitted> {
        ledger.calls.push({ kind: 'submit', staff: staff.username, name, options });
        return ledger.#submit(name, options);
      },
      evaluate(name: string, options?: ProposalOptions): Promise<Uint8Array> {
        ledger.calls.push({ kind: 'evaluate', staff: staff.username, name, options });
        if (name === 'GetRefillPlan') {
          if (options?.arguments?.[0] !== 'RX-1') return Promise.reject(new ApiError('PLAN_NOT_FOUND', 'no such plan'));
          return Promise.resolve(bytes(planView([...ledger.dispensed])));
        }
        if (name === 'GetPlanItems') return Promise.resolve(bytes({ planId: 'RX-1', items: ITEMS, matchesLedger: true }));
        return Promise.reject(new Error(`unexpected evaluate ${name}`));
      },
    });
  }

  /** Submits made within `fn` are endorsed against the same state (one block). */
  async inOneBlock<T>(fn: () => Promise<T>): Promise<T> {
    const before = new Set(this.dispensed);
    this.#snapshot = before;
    try {
      return await fn();
    } finally {
      this.#snapshot = undefined;
    }
  }

  #snapshot: Set<number> | undefined;

  async #submit(name: string, options?: SubmitOptions): Promise<Submitted> {
    await Promise.resolve();
    if (this.nextSubmitError !== undefined) {
      const error = this.nextSubmitError;
      this.nextSubmitError = undefined;
      throw error;
    }
    this.#tx += 1;
    const transactionId = `tx-${String(this.#tx)}`;
    if (name === 'DispenseCycle') {
      const cycle = Number(options?.arguments?.[1]);
      const endorsedState = this.#snapshot ?? this.dispensed;
      if (endorsedState.has(cycle)) throw new ApiError('ALREADY_DISPENSED', `cycle ${String(cycle)} was dispensed`);
      if (this.dispensed.has(cycle)) throw new ApiError('LEDGER_CONFLICT', 'MVCC_READ_CONFLICT');
      this.dispensed.add(cycle);
      return { result: bytes(cycleRecord(cycle, true, options?.arguments?.[2] === 'post')), transactionId, blockNumber: 7n };
    }
    if (name === 'CreateRefillPlan') return { result: bytes(planView()), transactionId, blockNumber: 5n };
    if (name === 'RecordCustodyStep') return { result: bytes(cycleRecord(Number(options?.arguments?.[1]), true, true)), transactionId, blockNumber: 8n };
    if (name === 'ChangeCycleChannel') return { result: bytes(cycleRecord(Number(options?.arguments?.[1]), false)), transactionId, blockNumber: 6n };
    throw new Error(`unexpected submit ${name}`);
  }
}

/** The service on a fake ledger, with the real rule tables. */
export function serviceOn(ledger: LedgerAccess, now: () => Date = () => new Date('2026-01-10T03:00:00Z'), readModel?: PharmacyReadModel): PharmacyService {
  return new PharmacyService({
    now,
    ...(readModel === undefined ? {} : { readModel }),
    ledger,
    unknownOutcomeDelayMs: 1,
    pseudonyms: new PatientPseudonym(Buffer.from('k'.repeat(40))),
    catalogue: PharmacyCatalogue.fromDir(path.resolve(__dirname, '../../../../../fixtures/pharmacy')),
  });
}
