import express, { Router, type Request } from 'express';
import { ApiError } from '../../http/api-error';
import { principalOf, requireAuth } from '../../http/require-auth';
import { validate } from '../../http/validate';
import type { AuthToken } from '../auth/auth-token';
import type { BankSimulator } from './adapters/bank-callback';
import type { HisBillSimulator } from './adapters/his-bill-source';
import type { RightsAgentSimulator } from './adapters/rights-agent-simulator';
import {
  assistSchema,
  auditQuerySchema,
  bankCallbackSchema,
  behaviourSchema,
  dailyReportQuerySchema,
  dateQuerySchema,
  newVisitSchema,
  paySchema,
  pidSchema,
  qrQuerySchema,
  receiptNoParam,
  sessionIdParam,
  simulatedPaySchema,
  startSessionSchema,
  statementBodySchema,
  voidSchema,
} from './kiosk.schemas';
import { dailyClosingPdf } from './closing-pdf';
import { promptPayQrPng, promptPayQrSvg } from './promptpay-qr';
import { dailyClosingCsv, type KioskService } from './kiosk.service';
import { receiptPdf } from './receipt-pdf';

/** What the kiosk routes need; `simulators` adds the development/test routes under /api/kiosk/simulator. */
export interface KioskRouterDeps {
  readonly service: KioskService;
  readonly tokens: AuthToken;
  readonly simulators?: { readonly rights: RightsAgentSimulator; readonly bank: BankSimulator; readonly his?: HisBillSimulator };
}

/** Header carrying the bank's HMAC-SHA256 signature of a callback. */
export const BANK_SIGNATURE_HEADER = 'x-bank-signature';

const idOf = (req: Request): string => validate(sessionIdParam, req.params.id);
const noOf = (req: Request): string => validate(receiptNoParam, req.params.no);

/** /api/kiosk: kiosk sessions, payments, receipts, the cashier screen, the bank callback and the simulators. */
export function kioskRouter(deps: KioskRouterDeps): Router {
  const { service } = deps;
  const router = Router();

  // the bank authenticates by signature, not by a staff token
  router.post('/bank/callback', async (req, res) => {
    const signature = req.get(BANK_SIGNATURE_HEADER);
    if (signature === undefined) throw new ApiError('BAD_SIGNATURE', `missing ${BANK_SIGNATURE_HEADER} header`);
    res.json(await service.bankCallback(validate(bankCallbackSchema, req.body), signature));
  });

  router.use(requireAuth(deps.tokens));

  router.post('/sessions', async (req, res) => {
    const session = await service.start(principalOf(req), validate(startSessionSchema, req.body));
    res.status(201).location(`/api/kiosk/sessions/${session.id}`).json({ session });
  });
  router.get('/sessions/:id', async (req, res) => {
    res.json({ session: await service.get(principalOf(req), idOf(req)) });
  });
  router.post('/sessions/:id/open-right', async (req, res) => {
    res.json({ session: await service.openRight(principalOf(req), idOf(req)) });
  });
  router.post('/sessions/:id/bill', async (req, res) => {
    res.json({ session: await service.bill(principalOf(req), idOf(req)) });
  });
  router.post('/sessions/:id/payments', async (req, res) => {
    const id = idOf(req);
    res.status(201).json(await service.pay(principalOf(req), id, validate(paySchema, req.body)));
  });
  // the PromptPay QR of the session's payment as an image (SVG for the kiosk screen, PNG for printing)
  router.get('/sessions/:id/payment/qr', async (req, res) => {
    const id = idOf(req);
    const { format } = validate(qrQuerySchema, req.query);
    const payment = await service.currentPayment(principalOf(req), id);
    if (payment.qrPayload === null) throw new ApiError('PAYMENT_NOT_FOUND', 'this payment is by card; it has no QR code');
    res.setHeader('cache-control', 'no-store');
    if (format === 'png') res.type('image/png').send(await promptPayQrPng(payment.qrPayload));
    else res.type('image/svg+xml').send(await promptPayQrSvg(payment.qrPayload));
  });
  router.post('/sessions/:id/payments/cancel', async (req, res) => {
    res.json({ session: await service.cancelPayment(principalOf(req), idOf(req)) });
  });
  router.post('/sessions/:id/receipt', async (req, res) => {
    res.json(await service.issueReceipt(principalOf(req), idOf(req)));
  });
  router.post('/sessions/:id/close', async (req, res) => {
    res.json({ session: await service.close(principalOf(req), idOf(req)) });
  });
  router.post('/sessions/:id/cancel', async (req, res) => {
    res.json({ session: await service.cancel(principalOf(req), idOf(req)) });
  });
  router.post('/sessions/:id/assist', async (req, res) => {
    const id = idOf(req);
    const body = validate(assistSchema, req.body ?? {});
    res.json({ session: await service.requestAssist(principalOf(req), id, body.reason ?? 'call staff') });
  });
  router.post('/sessions/:id/assist/ack', async (req, res) => {
    res.json({ session: await service.acknowledgeAssist(principalOf(req), idOf(req)) });
  });
  router.get('/live', async (req, res) => {
    res.json({ sessions: await service.live(principalOf(req)) });
  });
  router.get('/receipts/:no', async (req, res) => {
    res.json({ receipt: await service.receipt(principalOf(req), noOf(req)) });
  });
  // the short-form receipt as a PDF for the 80 mm printer
  router.get('/receipts/:no/pdf', async (req, res) => {
    const receipt = await service.receipt(principalOf(req), noOf(req));
    if (receipt.content === null) throw new ApiError('PAYMENT_NOT_PENDING', 'this receipt number has no paid receipt yet');
    res.type('application/pdf').setHeader('content-disposition', `inline; filename="receipt-${receipt.receiptNo}.pdf"`);
    res.send(await receiptPdf(receipt));
  });
  router.post('/receipts/:no/void', async (req, res) => {
    const no = noOf(req);
    res.json({ receipt: await service.voidReceipt(principalOf(req), no, validate(voidSchema, req.body).reason) });
  });
  router.get('/reports/daily', async (req, res) => {
    const { date, format } = validate(dailyReportQuerySchema, req.query);
    const report = await service.dailyClosing(principalOf(req), date);
    if (format === 'pdf') {
      const caller = principalOf(req);
      res.type('application/pdf').setHeader('content-disposition', `inline; filename="closing-${report.hcode}-${date}.pdf"`);
      res.send(await dailyClosingPdf(report, service.unitName(report.hcode), new Date().toISOString(), caller.username));
      return;
    }
    if (format === 'csv') {
      res.type('text/csv; charset=utf-8').setHeader('content-disposition', `attachment; filename="closing-${report.hcode}-${date}.csv"`);
      res.send(dailyClosingCsv(report));
      return;
    }
    res.json(report);
  });
  router.get('/audit/receipts', async (req, res) => {
    res.json(await service.audit(principalOf(req), validate(auditQuerySchema, req.query)));
  });
  // batch re-anchor of the series' receipts (and voids) whose anchoring failed while the ledger was down
  router.post('/audit/receipts/reanchor', async (req, res) => {
    res.json(await service.reanchor(principalOf(req), validate(auditQuerySchema, req.query)));
  });
  // reconciliation of the day's bank statement (text/csv body) with the kiosk's paid payments
  router.post('/reconciliation', express.text({ type: ['text/csv', 'text/plain'], limit: '2mb' }), async (req, res) => {
    const { date } = validate(dateQuerySchema, req.query);
    const body: unknown = req.body;
    res.json(await service.reconcile(principalOf(req), date, validate(statementBodySchema, typeof body === 'string' ? body : '')));
  });

  const simulators = deps.simulators;
  if (simulators !== undefined) {
    // the patient's banking app scanning the QR: the simulated bank signs and delivers the callback
    router.post('/simulator/bank/pay', async (req, res) => {
      principalOf(req);
      const { qrPayload } = validate(simulatedPaySchema, req.body);
      let paid;
      try {
        paid = simulators.bank.pay(qrPayload);
      } catch (err) {
        throw new ApiError('INVALID_ARGUMENT', err instanceof Error ? err.message : 'bad QR payload');
      }
      res.json({ callback: paid.callback, signature: paid.signature, result: await service.bankCallback(paid.callback, paid.signature) });
    });
    // the day's settlement statement as the simulated bank would send it (to reconcile)
    router.get('/simulator/bank/statement', async (req, res) => {
      const { date } = validate(dateQuerySchema, req.query);
      res.type('text/csv; charset=utf-8').setHeader('content-disposition', `attachment; filename="statement-${date}.csv"`);
      res.send(await service.simulatedStatement(principalOf(req), date));
    });
    // a bank that signs whatever it is given (to test a signed callback with a wrong amount)
    router.post('/simulator/bank/sign', (req, res) => {
      if (principalOf(req).role !== 'cashier') throw new ApiError('FORBIDDEN_ROLE', 'only a cashier uses the bank signing simulator');
      res.json({ signature: simulators.bank.sign(validate(bankCallbackSchema, req.body)) });
    });
    // a new registration in the simulated HIS: a fresh, unpaid visit of a simulated patient
    router.post('/simulator/visits', (req, res) => {
      const caller = principalOf(req);
      if (caller.role !== 'cashier' && caller.role !== 'kiosk') throw new ApiError('FORBIDDEN_ROLE', 'only a kiosk or a cashier uses the HIS simulator');
      const his = simulators.his;
      if (his === undefined) throw new ApiError('NOT_FOUND', 'no HIS simulator');
      const { hn } = validate(newVisitSchema, req.body);
      res.status(201).json({ hn, vn: his.newVisit(hn) });
    });
    router.post('/simulator/cards/:pid/behaviour', (req, res) => {
      const caller = principalOf(req);
      if (caller.role !== 'cashier') throw new ApiError('FORBIDDEN_ROLE', 'only a cashier configures the simulator');
      const pid = validate(pidSchema, req.params.pid);
      const { behaviour } = validate(behaviourSchema, req.body);
      simulators.rights.setBehaviour(pid, behaviour);
      res.json({ pid, behaviour });
    });
  }
  return router;
}
