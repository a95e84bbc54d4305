import { ApiError } from '../../http/api-error';
import type { Principal } from '../auth/auth-token';
import type { KioskService } from './kiosk.service';
import { dailyClosingCsv, parseReceiptNo } from './kiosk.service';
import { fiscalYearBE } from './receipt-number';
import { AUDITOR, CASHIER, CLINICIAN, EXPIRED, KIOSK, OFC, OTHER_CASHIER, SELF_PAY, SSS_OTHER, TIMEOUT, UCS, kioskHarness } from './test-support/kiosk-harness';

async function code(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (err) {
    if (err instanceof ApiError) return `${err.status} ${err.code}`;
    throw err;
  }
  return 'no error';
}

async function billed(service: KioskService, pid: string, who: Principal = KIOSK, point = '01'): Promise<string> {
  const session = await service.start(who, { point, simulatedCardPid: pid });
  if (session.right.claimTypes.length > 0 && !session.right.expired) await service.openRight(who, session.id);
  await service.bill(who, session.id);
  return session.id;
}

const SERIES = { hcode: '10697', fiscalYear: 2570, point: '01' };

describe('KioskService journeys', () => {
  it('a UCS patient with nothing to pay: right opened and closed, no payment, no receipt', async () => {
    const { service, rights, fakeLedger } = kioskHarness();
    const started = await service.start(KIOSK, { point: '01', simulatedCardPid: UCS });
    expect(started).toMatchObject({ state: 'right-read', patient: { pidMasked: '1-1017-xxxxx-45-6', hn: '6500123' }, right: { mainInscl: 'UCS', expired: false } });
    expect(JSON.stringify(started)).not.toContain(UCS);
    const opened = await service.openRight(KIOSK, started.id);
    expect(opened.right.claimCode).toMatch(/^PP\d{10}$/);
    const bill = await service.bill(KIOSK, started.id);
    expect(bill.bill).toMatchObject({ total: 170, patientPays: 0, rule: { right: 'UCS', verified: false } });
    expect(await code(service.pay(KIOSK, started.id, { method: 'promptpay', clientKey: 'k-ucs' }))).toBe('400 INVALID_ARGUMENT');
    const closed = await service.close(KIOSK, started.id);
    expect(closed.state).toBe('closed');
    expect(closed.right.closedAt).not.toBeNull();
    expect(rights.closed).toEqual([opened.right.claimCode]);
    expect(fakeLedger.events.map((e) => e.kind)).toEqual(['opened', 'closed']);
    expect(JSON.stringify(fakeLedger.events)).not.toContain(UCS);
    expect(JSON.stringify(fakeLedger.events)).not.toContain(String(opened.right.claimCode));
  });

  it('a civil servant pays 350 baht by PromptPay; the signed callback posts once and the receipt is anchored', async () => {
    const { service, bank, fakeLedger } = kioskHarness();
    const id = await billed(service, OFC);
    const { payment, session } = await service.pay(KIOSK, id, { method: 'promptpay', clientKey: 'k-ofc-1' });
    expect(session.state).toBe('paying');
    expect(payment).toMatchObject({ amount: 350, status: 'pending', receiptNo: '2570-10697-01-000001', ref1: '6500456', ref2: '25701069701000001' });
    expect(payment.qrPayload).toContain('0016A000000677010112');
    const { callback, signature } = bank.pay(payment.qrPayload ?? '');
    expect(await service.bankCallback(callback, signature)).toEqual({ status: 'posted', paymentId: payment.id });
    expect((await service.get(KIOSK, id)).state).toBe('paid');
    const { receipt, session: receipted } = await service.issueReceipt(KIOSK, id);
    expect(receipted.state).toBe('receipted');
    expect(receipt).toMatchObject({ status: 'issued', receiptNo: '2570-10697-01-000001', content: { amount: 350, amountTextTh: 'สามร้อยห้าสิบบาทถ้วน', payerNameTh: 'นางสมศรี รักเรียน', method: 'promptpay' } });
    expect(receipt.anchorTxId).not.toBeNull();
    expect(fakeLedger.anchors.get('10697:2570:01:1')).toMatchObject({ hash: receipt.hash, receiptNo: receipt.receiptNo });
    // issuing again is idempotent
    expect((await service.issueReceipt(KIOSK, id)).receipt.hash).toBe(receipt.hash);
    expect((await service.close(KIOSK, id)).state).toBe('closed');
    expect((await service.audit(AUDITOR, SERIES)).ok).toBe(true);
  });

  it('a card payment is charged at once; a declined card voids its number and the bill can be paid again', async () => {
    const { service } = kioskHarness({ declineAmounts: [125.5] });
    const id = await billed(service, SELF_PAY);
    expect(await code(service.pay(KIOSK, id, { method: 'card', clientKey: 'k-sp-1' }))).toBe('402 CARD_DECLINED');
    expect((await service.get(KIOSK, id)).state).toBe('billed');
    const { receipt } = await service.issueReceipt(KIOSK, id).catch(() => ({ receipt: undefined }));
    expect(receipt).toBeUndefined();
    const audit = await service.audit(CASHIER, SERIES);
    expect(audit).toMatchObject({ ok: true, count: 1, voided: 1 });
  });

  it('a paid card payment gets the next number after a voided one', async () => {
    const { service } = kioskHarness();
    const id = await billed(service, SELF_PAY);
    const paid = await service.pay(KIOSK, id, { method: 'card', clientKey: 'k-sp-2' });
    expect(paid.payment).toMatchObject({ status: 'paid', method: 'card', amount: 125.5 });
    expect(paid.session.state).toBe('paid');
    const { receipt } = await service.issueReceipt(KIOSK, id);
    expect(receipt.content?.amountTextTh).toBe('หนึ่งร้อยยี่สิบห้าบาทห้าสิบสตางค์');
  });

  it('social security outside the main hospital pays everything (self-pay share)', async () => {
    const { service } = kioskHarness();
    const id = await billed(service, SSS_OTHER);
    expect((await service.get(KIOSK, id)).bill).toMatchObject({ total: 280, patientPays: 280 });
  });
});

describe('bad input: coded errors and nothing posted', () => {
  it('an unknown card, a timeout and an expired right', async () => {
    const { service, repository } = kioskHarness();
    expect(await code(service.start(KIOSK, { point: '01', simulatedCardPid: '1234567890121' }))).toBe('404 CARD_UNKNOWN');
    expect(await code(service.start(KIOSK, { point: '01', simulatedCardPid: TIMEOUT }))).toBe('504 RIGHTS_AGENT_TIMEOUT');
    expect(await repository.liveSessions('10697', ['right-read'])).toEqual([]);
    const expired = await service.start(KIOSK, { point: '01', simulatedCardPid: EXPIRED });
    expect(expired.right.expired).toBe(true);
    expect(await code(service.openRight(KIOSK, expired.id))).toBe('409 RIGHT_EXPIRED');
    // the patient may still pay as self-pay
    expect((await service.bill(KIOSK, expired.id)).bill?.rule.right).toBe('SP');
  });

  it('the simulator behaviour is configurable at run time', async () => {
    const { service, rights } = kioskHarness();
    rights.setBehaviour(UCS, 'agent-error');
    expect(await code(service.start(KIOSK, { point: '01', simulatedCardPid: UCS }))).toBe('502 RIGHTS_AGENT_ERROR');
    rights.setBehaviour(UCS, 'expired');
    expect((await service.start(KIOSK, { point: '01', simulatedCardPid: UCS })).right.expired).toBe(true);
  });

  it('roles and hospitals: a clinician cannot use the kiosk, another hospital cannot see the session', async () => {
    const { service } = kioskHarness();
    expect(await code(service.start(CLINICIAN, { point: '01', simulatedCardPid: UCS }))).toBe('403 FORBIDDEN_ROLE');
    const s = await service.start(KIOSK, { point: '01', simulatedCardPid: UCS });
    expect(await code(service.get(OTHER_CASHIER, s.id))).toBe('403 FORBIDDEN_UNIT');
    expect(await code(service.get(KIOSK, 'KS-nope'))).toBe('404 KIOSK_SESSION_NOT_FOUND');
    expect(await code(service.live(KIOSK))).toBe('403 FORBIDDEN_ROLE');
    expect(await code(service.audit(OTHER_CASHIER, SERIES))).toBe('403 FORBIDDEN_ROLE');
  });

  it('billing before opening an openable right, and paying twice, are refused', async () => {
    const { service } = kioskHarness();
    const s = await service.start(KIOSK, { point: '01', simulatedCardPid: OFC });
    expect(await code(service.bill(KIOSK, s.id))).toBe('409 INVALID_TRANSITION');
    expect(await code(service.issueReceipt(KIOSK, s.id))).toBe('404 PAYMENT_NOT_FOUND');
  });

  it('a forged callback, an amount mismatch, an unknown Ref2, a duplicate and a second transaction', async () => {
    const { service, bank, signature, repository } = kioskHarness();
    const id = await billed(service, OFC);
    const { payment } = await service.pay(KIOSK, id, { method: 'promptpay', clientKey: 'k-ofc-2' });
    const { callback, signature: sig } = bank.pay(payment.qrPayload ?? '');
    expect(await code(service.bankCallback(callback, 'f'.repeat(64)))).toBe('401 BAD_SIGNATURE');
    expect(await code(service.bankCallback({ ...callback, amount: '1.00' }, sig))).toBe('401 BAD_SIGNATURE');
    const cheap = { ...callback, amount: '35.00' };
    expect(await code(service.bankCallback(cheap, signature.sign(cheap)))).toBe('400 AMOUNT_MISMATCH');
    const unknown = { ...callback, ref2: '25701069701999999' };
    expect(await code(service.bankCallback(unknown, signature.sign(unknown)))).toBe('404 PAYMENT_NOT_FOUND');
    expect((await repository.payment(payment.id))?.status).toBe('pending');
    expect((await service.bankCallback(callback, sig)).status).toBe('posted');
    expect((await service.bankCallback(callback, sig)).status).toBe('duplicate');
    const second = { ...callback, bankTxId: 'BANK-OTHER' };
    expect(await code(service.bankCallback(second, signature.sign(second)))).toBe('409 BILL_ALREADY_PAID');
    expect((await repository.payment(payment.id))?.paidBy).toBe(callback.bankTxId);
    // paying an already paid bill from a new session
    const again = await billed(service, OFC);
    expect(await code(service.pay(KIOSK, again, { method: 'promptpay', clientKey: 'k-ofc-3' }))).toBe('409 BILL_ALREADY_PAID');
  });

  it('concurrent duplicate callbacks post exactly once', async () => {
    const { service, bank, repository } = kioskHarness({ interleave: true });
    const id = await billed(service, OFC);
    const { payment } = await service.pay(KIOSK, id, { method: 'promptpay', clientKey: 'k-ofc-4' });
    const { callback, signature } = bank.pay(payment.qrPayload ?? '');
    const results = await Promise.all(Array.from({ length: 8 }, async () => service.bankCallback(callback, signature)));
    expect(results.filter((r) => r.status === 'posted')).toHaveLength(1);
    expect(results.filter((r) => r.status === 'duplicate')).toHaveLength(7);
    expect((await repository.payment(payment.id))?.status).toBe('paid');
  });

  it('a late callback for a cancelled payment never marks the bill paid', async () => {
    const { service, bank, repository } = kioskHarness();
    const id = await billed(service, OFC);
    const { payment } = await service.pay(KIOSK, id, { method: 'promptpay', clientKey: 'k-ofc-5' });
    expect((await service.cancelPayment(KIOSK, id)).state).toBe('billed');
    const { callback, signature } = bank.pay(payment.qrPayload ?? '');
    expect(await code(service.bankCallback(callback, signature))).toBe('409 PAYMENT_NOT_PENDING');
    expect((await repository.payment(payment.id))?.status).toBe('cancelled');
    expect((await service.get(KIOSK, id)).state).toBe('billed');
  });
});

describe('idempotent payment and resume', () => {
  it('the same client key resumes the same payment (kiosk restarted mid-payment)', async () => {
    const { service } = kioskHarness();
    const id = await billed(service, OFC);
    const first = await service.pay(KIOSK, id, { method: 'promptpay', clientKey: 'k-resume' });
    const again = await service.pay(KIOSK, id, { method: 'promptpay', clientKey: 'k-resume' });
    expect(again.payment).toEqual(first.payment);
    expect(await code(service.pay(KIOSK, id, { method: 'card', clientKey: 'k-resume' }))).toBe('409 CLIENT_KEY_REUSED');
    expect(await code(service.pay(KIOSK, id, { method: 'promptpay', clientKey: 'k-other' }))).toBe('409 INVALID_TRANSITION');
  });

  it('concurrent pay calls with one key create one payment and one receipt number', async () => {
    const { service, repository } = kioskHarness({ interleave: true });
    const id = await billed(service, OFC);
    const results = await Promise.allSettled(Array.from({ length: 5 }, async () => service.pay(KIOSK, id, { method: 'promptpay', clientKey: 'k-race' })));
    const ids = new Set(results.flatMap((r) => (r.status === 'fulfilled' ? [r.value.payment.id] : [])));
    expect(ids.size).toBe(1);
    const receipts = await repository.receipts(SERIES);
    // numbers taken by losing attempts stay in the series as voided receipts: no gap, no duplicate
    expect(receipts.map((r) => r.seq)).toEqual(receipts.map((_, i) => i + 1));
    expect(receipts.filter((r) => r.status === 'reserved')).toHaveLength(1);
  });
});

describe('gap-free receipt numbering', () => {
  it('concurrent payments at one point never share or skip a number', async () => {
    const { service, repository } = kioskHarness({ interleave: true });
    const pids = [OFC, SELF_PAY];
    const sessions = await Promise.all(pids.map(async (pid) => billed(service, pid)));
    await Promise.all(sessions.map(async (id, i) => service.pay(KIOSK, id, { method: 'card', clientKey: `k-c-${i}` })));
    // 40 more numbers taken concurrently straight from the repository
    await Promise.all(
      Array.from({ length: 40 }, async (_, i) =>
        repository.reserveReceipt(SERIES, (seq) => ({ ...SERIES, seq, receiptNo: `R${seq}`, paymentId: `p${i}`, status: 'reserved', salt: 's', content: null, hash: null, voidReason: null, anchorTxId: null, voidAnchorTxId: null, createdAt: '' })),
      ),
    );
    const seqs = (await repository.receipts(SERIES)).map((r) => r.seq);
    expect(seqs).toEqual(Array.from({ length: 42 }, (_, i) => i + 1));
  });

  it('numbers restart per point and per fiscal year (Buddhist era, from 1 October)', async () => {
    expect(fiscalYearBE(new Date('2026-09-30T12:00:00Z'))).toBe(2569);
    expect(fiscalYearBE(new Date('2026-10-01T00:00:00Z'))).toBe(2570);
    const { service } = kioskHarness();
    const a = await billed(service, OFC, KIOSK, '01');
    const b = await billed(service, SELF_PAY, KIOSK, '02');
    expect((await service.pay(KIOSK, a, { method: 'card', clientKey: 'a' })).payment.receiptNo).toBe('2570-10697-01-000001');
    expect((await service.pay(KIOSK, b, { method: 'card', clientKey: 'b' })).payment.receiptNo).toBe('2570-10697-02-000001');
    expect(parseReceiptNo('2570-10697-02-000001')).toEqual({ fiscalYear: 2570, hcode: '10697', point: '02', seq: 1 });
  });

  it('a void keeps the number; the audit passes, then fails on a tampered receipt', async () => {
    const { service, repository } = kioskHarness();
    for (const [i, pid] of [OFC, SELF_PAY].entries()) {
      const id = await billed(service, pid);
      await service.pay(KIOSK, id, { method: 'card', clientKey: `k-v-${i}` });
      await service.issueReceipt(KIOSK, id);
    }
    expect(await code(service.voidReceipt(KIOSK, '2570-10697-01-000001', 'wrong patient'))).toBe('403 FORBIDDEN_ROLE');
    const voided = await service.voidReceipt(CASHIER, '2570-10697-01-000001', 'wrong patient');
    expect(voided).toMatchObject({ status: 'voided', voidReason: 'wrong patient' });
    expect(voided.voidAnchorTxId).not.toBeNull();
    expect(await code(service.voidReceipt(CASHIER, '2570-10697-01-000001', 'again'))).toBe('409 RECEIPT_ALREADY_VOIDED');
    expect(await service.audit(AUDITOR, SERIES)).toMatchObject({ ok: true, count: 2, issued: 1, voided: 1, gaps: [], ledgerHead: 2 });

    const second = await repository.receipt(SERIES, 2);
    if (second?.content == null) throw new Error('receipt 2 missing');
    await repository.updateReceipt({ ...second, content: { ...second.content, amount: 12.5 } }, 'issued');
    expect(await service.audit(AUDITOR, SERIES)).toMatchObject({ ok: false, tampered: ['2570-10697-01-000002'] });
  });

  it('the audit reports a number anchored on the ledger but missing from the store as a gap', async () => {
    const { service, fakeLedger } = kioskHarness();
    const id = await billed(service, SELF_PAY);
    await service.pay(KIOSK, id, { method: 'card', clientKey: 'k-gap' });
    await service.issueReceipt(KIOSK, id);
    fakeLedger.heads.set('10697:2570:01', 3);
    expect(await service.audit(AUDITOR, SERIES)).toMatchObject({ ok: false, gaps: [2, 3], ledgerHead: 3 });
  });

  it('without a ledger receipts are issued but reported as unanchored', async () => {
    const { service } = kioskHarness({ ledger: false });
    const id = await billed(service, SELF_PAY);
    await service.pay(KIOSK, id, { method: 'card', clientKey: 'k-nl' });
    const { receipt } = await service.issueReceipt(KIOSK, id);
    expect(receipt.anchorTxId).toBeNull();
    expect(await service.audit(AUDITOR, SERIES)).toMatchObject({ ok: false, unanchored: ['2570-10697-01-000001'] });
  });
});

describe('daily closing report', () => {
  it('totals the day by method and by right, as JSON and CSV, for the cashier only', async () => {
    const { service } = kioskHarness();
    for (const [i, pid] of [OFC, SELF_PAY].entries()) {
      const id = await billed(service, pid);
      await service.pay(KIOSK, id, { method: 'card', clientKey: `k-d-${i}` });
    }
    const report = await service.dailyClosing(CASHIER, '2026-11-30');
    expect(report).toMatchObject({ count: 2, total: 475.5, byMethod: { card: { count: 2, amount: 475.5 } }, byRight: { OFC: { count: 1, amount: 350 }, SP: { count: 1, amount: 125.5 } } });
    expect((await service.dailyClosing(CASHIER, '2026-12-01')).count).toBe(0);
    const csv = dailyClosingCsv(report);
    expect(csv.startsWith('\uFEFFreceiptNo,paidAt,method,right,amount,paidBy\r\n2570-10697-01-000001,')).toBe(true);
    expect(csv).toContain('right:SP,,,,125.50,1');
    expect(await code(service.dailyClosing(KIOSK, '2026-11-30'))).toBe('403 FORBIDDEN_ROLE');
    expect(await code(service.dailyClosing(CASHIER, '2026-13-45'))).toBe('400 INVALID_ARGUMENT');
  });
});

describe('assist calls and the cashier screen', () => {
  it('the call-staff button raises an alert that a cashier acknowledges', async () => {
    const { service } = kioskHarness();
    const s = await service.start(KIOSK, { point: '01', simulatedCardPid: UCS });
    await service.requestAssist(KIOSK, s.id, 'help');
    const live = await service.live(CASHIER);
    expect(live.map((x) => x.id)).toEqual([s.id]);
    expect(live[0]?.assist).toMatchObject({ reason: 'help', acknowledgedBy: null });
    expect(JSON.stringify(live)).not.toContain(UCS);
    expect((await service.acknowledgeAssist(CASHIER, s.id)).assist?.acknowledgedBy).toBe('cashier.buddhasothorn');
    expect((await service.cancel(KIOSK, s.id)).state).toBe('cancelled');
    expect(await service.live(CASHIER)).toEqual([]);
  });
});
