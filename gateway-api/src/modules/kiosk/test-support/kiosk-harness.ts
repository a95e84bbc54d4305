import path from 'node:path';
import type { LedgerAccess, LedgerContract, ProposalOptions, SubmitOptions, Submitted } from '../../../fabric/ledger-contract';
import { PatientPseudonym } from '../../../patient/patient-pseudonym';
import type { Principal } from '../../auth/auth-token';
import { BankSignature, BankSimulator } from '../adapters/bank-callback';
import { CardTerminalSimulator } from '../adapters/card-terminal';
import { HisBillSimulator } from '../adapters/his-bill-source';
import { RightsAgentSimulator } from '../adapters/rights-agent-simulator';
import { InMemoryKioskRepository } from '../in-memory-kiosk-repository';
import { loadKioskFixtures } from '../kiosk-fixtures';
import { KioskLedger } from '../kiosk-ledger';
import { KioskService, type HealthIdIdentifier } from '../kiosk.service';

export const ROOT = path.resolve(__dirname, '../../../../..');
export const fixtures = loadKioskFixtures(ROOT);

export const KIOSK: Principal = { username: 'kiosk.buddhasothorn.01', role: 'kiosk', hcode: '10697', mspId: 'BuddhasothornMSP' };
export const CASHIER: Principal = { username: 'cashier.buddhasothorn', role: 'cashier', hcode: '10697', mspId: 'BuddhasothornMSP' };
export const OTHER_CASHIER: Principal = { username: 'cashier.bangkhla', role: 'cashier', hcode: '11138', mspId: 'BangKhlaMSP' };
export const AUDITOR: Principal = { username: 'auditor.pho', role: 'auditor', hcode: '00024', mspId: 'ProvincialHealthOfficeMSP' };
export const CLINICIAN: Principal = { username: 'clinician.buddhasothorn', role: 'clinician', hcode: '10697', mspId: 'BuddhasothornMSP' };

export const UCS = '1101700123456';
export const OFC = '3100600123450';
export const SSS_OTHER = '3200100456785';
export const SELF_PAY = '1509900112231';
export const EXPIRED = '3800100998876';
export const TIMEOUT = '1700100554433';
/** The wallet's demo citizen citizen.anan, OFC, pays 240 baht. */
export const WALLET_ANAN = '8249900456720';
export const PSEUDONYMS = new PatientPseudonym(Buffer.alloc(32, 7));

/** A fake KioskContract: anchors by series and sequence, like the chaincode (no overwrite of another hash). */
export class FakeKioskLedger implements LedgerAccess {
  readonly anchors = new Map<string, Record<string, unknown>>();
  readonly events: Record<string, unknown>[] = [];
  readonly heads = new Map<string, number>();
  #tx = 0;
  failing = false;

  public async contractFor(staff: { username: string }): Promise<LedgerContract> {
    const ledger = this;
    const txId = (): string => `tx${String((ledger.#tx += 1))}`;
    const submitted = (result: unknown): Submitted => ({ result: Buffer.from(JSON.stringify(result)), transactionId: txId(), blockNumber: 1n });
    return Promise.resolve({
      async submit(name: string, options?: SubmitOptions): Promise<Submitted> {
        if (ledger.failing) throw new Error('LEDGER_UNAVAILABLE: peer down');
        const arg = JSON.parse(options?.arguments?.[0] ?? '{}') as Record<string, unknown>;
        const series = `${String(arg.hcode)}:${String(arg.fiscalYear)}:${String(arg.point)}`;
        const key = `${series}:${String(arg.seq)}`;
        if (name === 'AnchorReceipt') {
          const existing = ledger.anchors.get(key);
          if (existing !== undefined && existing.hash !== arg.hash) throw new Error('RECEIPT_EXISTS: another hash');
          ledger.anchors.set(key, { docType: 'kioskReceipt', ...arg, status: 'issued', voidReason: null, anchoredAt: 'now', anchoredBy: staff.username });
        } else if (name === 'VoidReceipt') {
          const existing = ledger.anchors.get(key);
          ledger.anchors.set(key, { docType: 'kioskReceipt', hash: existing?.hash ?? null, anchoredAt: 'now', anchoredBy: staff.username, ...arg, status: 'voided', voidReason: arg.reason, reason: undefined });
        } else if (name === 'RecordRightEvent') {
          ledger.events.push(arg);
          return submitted(arg);
        }
        ledger.heads.set(series, Math.max(ledger.heads.get(series) ?? 0, Number(arg.seq)));
        return submitted(ledger.anchors.get(key));
      },
      async evaluate(name: string, options?: ProposalOptions): Promise<Uint8Array> {
        const [hcode, fy, point, from, to] = options?.arguments ?? [];
        const series = `${String(hcode)}:${String(fy)}:${String(point)}`;
        if (name === 'GetReceiptHead') return Promise.resolve(Buffer.from(JSON.stringify({ head: ledger.heads.get(series) ?? 0 })));
        const list = [];
        for (let seq = Number(from); seq <= Number(to); seq += 1) {
          const anchor = ledger.anchors.get(`${series}:${seq}`);
          if (anchor !== undefined) list.push(JSON.parse(JSON.stringify(anchor)) as unknown);
        }
        return Promise.resolve(Buffer.from(JSON.stringify(list)));
      },
    });
  }
}

/** A service over simulators, an in-memory store and a fake ledger, on 30 November 2026. */
export function kioskHarness(options: Readonly<{ interleave?: boolean; ledger?: boolean; declineAmounts?: number[]; healthIds?: HealthIdIdentifier }> = {}) {
  const repository = new InMemoryKioskRepository({ interleave: options.interleave });
  const rights = new RightsAgentSimulator({ cards: fixtures.simulator.cards, timeoutMs: 5 });
  const signature = new BankSignature('bank-secret-for-tests-only');
  const bank = new BankSimulator(signature);
  const fakeLedger = new FakeKioskLedger();
  const his = new HisBillSimulator({ visits: fixtures.simulator.visits, cards: fixtures.simulator.cards, pseudonymOf: (pid) => PSEUDONYMS.fromCid(pid) });
  const service = new KioskService({
    repository,
    rights,
    his,
    terminal: new CardTerminalSimulator({ declineAmounts: options.declineAmounts }),
    bank: signature,
    pseudonyms: PSEUDONYMS,
    ...(options.healthIds === undefined ? {} : { healthIds: options.healthIds }),
    copayRules: fixtures.copay.rules,
    hospitals: fixtures.simulator.hospitals,
    ledger: options.ledger === false ? undefined : new KioskLedger(fakeLedger),
    clock: () => new Date('2026-11-30T03:00:00Z'),
  });
  return { service, repository, rights, bank, signature, fakeLedger, his };
}
