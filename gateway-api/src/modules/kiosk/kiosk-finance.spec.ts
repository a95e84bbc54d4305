import { writeFileSync } from 'node:fs';
import jsQR from 'jsqr';
import { PNG } from 'pngjs';
import { ApiError } from '../../http/api-error';
import { HealthIdTokens } from '../wallet/health-id';
import type { Principal } from '../auth/auth-token';
import { dailyClosingPdf } from './closing-pdf';
import type { HealthIdIdentifier, KioskService } from './kiosk.service';
import { promptPayQrPng, promptPayQrSvg } from './promptpay-qr';
import { parseStatement, STATEMENT_COLUMNS } from './reconciliation';
import { CASHIER, KIOSK, OFC, OTHER_CASHIER, PSEUDONYMS, SELF_PAY, UCS, WALLET_ANAN, kioskHarness } from './test-support/kiosk-harness';

async function code(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (err) {
    if (err instanceof ApiError) return `${err.status} ${err.code}`;
    throw err;
  }
  return 'no error';
}

const SERIES = { hcode: '10697', fiscalYear: 2570, point: '01' };
const NOW = new Date('2026-11-30T03:00:00Z');

/** A paid and receipted PromptPay session of card `pid`; returns the receipt number. */
async function paidByQr(h: ReturnType<typeof kioskHarness>, pid: string, key: string, who: Principal = KIOSK): Promise<string> {
  const s = await h.service.start(who, { point: '01', simulatedCardPid: pid });
  if (s.right.claimTypes.length > 0) await h.service.openRight(who, s.id);
  await h.service.bill(who, s.id);
  const { payment } = await h.service.pay(who, s.id, { method: 'promptpay', clientKey: key });
  const { callback, signature } = h.bank.pay(payment.qrPayload ?? '', NOW);
  await h.service.bankCallback(callback, signature);
  return (await h.service.issueReceipt(who, s.id)).receipt.receiptNo;
}

async function paidByCard(service: KioskService, pid: string, key: string): Promise<string> {
  const s = await service.start(KIOSK, { point: '01', simulatedCardPid: pid });
  if (s.right.claimTypes.length > 0) await service.openRight(KIOSK, s.id);
  await service.bill(KIOSK, s.id);
  await service.pay(KIOSK, s.id, { method: 'card', clientKey: key });
  return (await service.issueReceipt(KIOSK, s.id)).receipt.receiptNo;
}

describe('identify by the wallet Health ID QR', () => {
  // the wallet's own verifier (HealthIdTokens), and a citizen store of one: Health ID → pseudonym
  const tokens = new HealthIdTokens({ secret: Buffer.alloc(32, 9), now: () => NOW });
  const citizens = new Map([['ANAN000001', PSEUDONYMS.fromCid(WALLET_ANAN)]]);
  const identifier: HealthIdIdentifier = {
    identify: async (proof) => {
      const healthId = tokens.verify(proof);
      const pseudonym = citizens.get(healthId);
      if (pseudonym === undefined) throw new ApiError('CITIZEN_NOT_FOUND', 'no wallet with this Health ID');
      return Promise.resolve({ healthId, pseudonym });
    },
  };

  it('the QR token or the short code finds the registered patient and reads the right by national ID', async () => {
    const h = kioskHarness({ healthIds: identifier });
    const card = tokens.issue('ANAN000001');
    const byQr = await h.service.start(KIOSK, { point: '01', healthIdProof: card.token });
    expect(byQr).toMatchObject({ identifiedBy: 'health-id', state: 'right-read', patient: { hn: '6501010', nameTh: 'นายอนันต์ มั่นคง', pidMasked: '8-2499-xxxxx-72-0' }, right: { mainInscl: 'OFC' } });
    expect(JSON.stringify(byQr)).not.toContain(WALLET_ANAN);
    const byCode = await h.service.start(KIOSK, { point: '01', healthIdProof: card.shortCode });
    expect(byCode.patient.hn).toBe('6501010');
    await h.service.openRight(KIOSK, byQr.id);
    expect((await h.service.bill(KIOSK, byQr.id)).bill).toMatchObject({ patientPays: 240 });
  });

  it('a forged, expired or unknown Health ID is refused with the wallet codes, and nothing starts', async () => {
    const h = kioskHarness({ healthIds: identifier });
    const card = tokens.issue('ANAN000001');
    expect(await code(h.service.start(KIOSK, { point: '01', healthIdProof: `${card.token.slice(0, -3)}AAA` }))).toBe('400 HEALTH_ID_INVALID');
    const later = new HealthIdTokens({ secret: Buffer.alloc(32, 9), now: () => new Date(NOW.getTime() - 3600_000) });
    expect(await code(h.service.start(KIOSK, { point: '01', healthIdProof: later.issue('ANAN000001').token }))).toBe('401 HEALTH_ID_EXPIRED');
    expect(await code(h.service.start(KIOSK, { point: '01', healthIdProof: tokens.issue('ZZZZ000001').token }))).toBe('404 CITIZEN_NOT_FOUND');
    // a wallet citizen the hospital has never registered
    citizens.set('NXTREG0001', PSEUDONYMS.fromCid('1100000000008'));
    expect(await code(h.service.start(KIOSK, { point: '01', healthIdProof: tokens.issue('NXTREG0001').token }))).toBe('404 VISIT_NOT_FOUND');
    expect(await h.repository.liveSessions('10697', ['right-read'])).toEqual([]);
  });

  it('a gateway without the wallet answers HEALTH_ID_UNAVAILABLE', async () => {
    const h = kioskHarness();
    expect(await code(h.service.start(KIOSK, { point: '01', healthIdProof: 'ANAN000001-123456' }))).toBe('503 HEALTH_ID_UNAVAILABLE');
  });
});

describe('batch re-anchor', () => {
  it('anchors the receipts and voids that failed while the ledger was down; the audit then passes', async () => {
    const h = kioskHarness();
    h.fakeLedger.failing = true;
    const first = await paidByQr(h, OFC, 'k-re-1');
    const second = await paidByQr(h, SELF_PAY, 'k-re-2');
    await h.service.voidReceipt(CASHIER, second, 'ชำระซ้ำ คืนเงินแล้ว');
    expect(await h.service.audit(CASHIER, SERIES)).toMatchObject({ ok: false, unanchored: [first, second] });
    expect(await code(h.service.reanchor(KIOSK, SERIES))).toBe('403 FORBIDDEN_ROLE');
    expect(await code(h.service.reanchor(OTHER_CASHIER, SERIES))).toBe('403 FORBIDDEN_UNIT');
    const failed = await h.service.reanchor(CASHIER, SERIES);
    expect(failed).toMatchObject({ attempted: 2, anchored: [], failed: [{ receiptNo: first }, { receiptNo: second }] });
    h.fakeLedger.failing = false;
    expect(await h.service.reanchor(CASHIER, SERIES)).toMatchObject({ attempted: 2, anchored: [first, second], voidsAnchored: [second], failed: [] });
    expect(await h.service.audit(CASHIER, SERIES)).toMatchObject({ ok: true, issued: 1, voided: 1, unanchored: [], tampered: [] });
    // nothing left to do: a second run touches nothing
    expect(await h.service.reanchor(CASHIER, SERIES)).toMatchObject({ attempted: 0 });
  });
});

describe('reconciliation against the bank statement', () => {
  it('reports matched, missing, unexpected and amount-mismatch lines', async () => {
    const h = kioskHarness();
    const a = await paidByQr(h, OFC, 'k-rc-1');
    const b = await paidByCard(h.service, SELF_PAY, 'k-rc-2');
    const c = await paidByQr(h, '3200100456785', 'k-rc-3');
    const statement = await h.service.simulatedStatement(CASHIER, '2026-11-30');
    const [header, ...rows] = statement.trim().split('\n');
    const lineA = rows.find((l) => l.includes(',6500456,'));
    const lineB = rows.find((l) => l.includes(',6501001,'));
    expect(header).toBe(STATEMENT_COLUMNS.join(','));
    expect(lineA).toMatch(/^2026-11-30,10:00:00,PROMPTPAY,099400012345600,6500456,25701069701000001,350\.00,/);
    expect(lineB).toContain(',CARD,');
    // the bank: a, b (credited 1 baht short), not c, a stranger's payment and a duplicate credit of a
    const edited = [header, lineA, (lineB ?? '').replace(',125.50,', ',124.50,'), '2026-11-30,11:00:00,PROMPTPAY,099400012345600,9999999,25701069701999999,80.00,BANKTX-STRANGER', (lineA ?? '').replace(/,[^,]+$/, ',BANKTX-DUP')].join('\n');
    const r = await h.service.reconcile(CASHIER, '2026-11-30', edited);
    expect(r).toMatchObject({
      ok: false,
      statementLines: 4,
      kioskTotal: 755.5,
      matched: [{ receiptNo: a, amount: 350 }],
      amountMismatch: [{ receiptNo: b, statementAmount: 124.5, kioskAmount: 125.5 }],
      missing: [{ receiptNo: c, amount: 280 }],
      unexpected: [
        { line: 4, reason: 'no kiosk payment has this Ref2' },
        { line: 5, reason: 'a second credit of the same payment (refund one)' },
      ],
    });
    expect((await h.service.reconcile(CASHIER, '2026-11-30', statement)).ok).toBe(true);
  });

  it('a file that is not a statement is refused; bad lines are listed; only cashiers reconcile', async () => {
    const h = kioskHarness();
    expect(await code(h.service.reconcile(CASHIER, '2026-11-30', 'hello,world\n1,2'))).toBe('400 INVALID_STATEMENT');
    expect(await code(h.service.reconcile(CASHIER, '2026-11-30', `${STATEMENT_COLUMNS.join(',')}\n2026-11-30,10:00:00,PROMPTPAY,099400012345600,1,2,abc,TX01\n`))).toBe('400 INVALID_STATEMENT');
    const r = await h.service.reconcile(CASHIER, '2026-11-30', `${STATEMENT_COLUMNS.join(',')}\n2026-11-30,10:00:00,PROMPTPAY,099400012345600,1,2,abc,TX01\n2026-11-30,10:00:00,PROMPTPAY,099400012345600,1,2,5.00,TX02\n`);
    expect(r).toMatchObject({ ok: false, statementLines: 1, errors: [{ line: 2 }], unexpected: [{ line: 3 }] });
    expect(parseStatement(`${STATEMENT_COLUMNS.join(',')}\n2026-11-30,10:00:00,PROMPTPAY,099400012345600,1,2,abc,TX01\n`).errors).toEqual([{ line: 2, message: 'amount is baht with 2 decimals, e.g. 350.00' }]);
    expect(await code(h.service.reconcile(KIOSK, '2026-11-30', STATEMENT_COLUMNS.join(',')))).toBe('403 FORBIDDEN_ROLE');
  });
});

describe('closing report PDF and the QR image', () => {
  it('the daily closing report is an A4 PDF in Sarabun', async () => {
    const h = kioskHarness();
    await paidByQr(h, OFC, 'k-pdf-1');
    await paidByCard(h.service, SELF_PAY, 'k-pdf-2');
    const report = await h.service.dailyClosing(CASHIER, '2026-11-30');
    const pdf = await dailyClosingPdf(report, h.service.unitName('10697'), NOW.toISOString(), CASHIER.username);
    const text = pdf.toString('latin1');
    expect(text.startsWith('%PDF-')).toBe(true);
    expect(text).toMatch(/\/MediaBox \[0 0 595\.27/);
    expect(text).toMatch(/\/BaseFont \/[A-Z]{6}\+Sarabun/);
    if (process.env.KIOSK_CLOSING_PDF !== undefined) writeFileSync(process.env.KIOSK_CLOSING_PDF, pdf);
  }, 30_000);

  it('the PromptPay QR image decodes (jsQR, an independent decoder) to the exact payload', async () => {
    const h = kioskHarness();
    const s = await h.service.start(KIOSK, { point: '01', simulatedCardPid: OFC });
    await h.service.openRight(KIOSK, s.id);
    await h.service.bill(KIOSK, s.id);
    const { payment } = await h.service.pay(KIOSK, s.id, { method: 'promptpay', clientKey: 'k-qr-1' });
    expect((await h.service.currentPayment(KIOSK, s.id)).id).toBe(payment.id);
    const png = PNG.sync.read(await promptPayQrPng(payment.qrPayload ?? ''));
    const decoded = jsQR(new Uint8ClampedArray(png.data), png.width, png.height);
    expect(decoded?.data).toBe(payment.qrPayload);
    expect(await promptPayQrSvg(payment.qrPayload ?? '')).toMatch(/^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg"/);
    const ucs = await h.service.start(KIOSK, { point: '01', simulatedCardPid: UCS });
    expect(await code(h.service.currentPayment(KIOSK, ucs.id))).toBe('404 PAYMENT_NOT_FOUND');
    // decoding a full-size image in pure JS takes seconds on a busy machine
  }, 60_000);
});
