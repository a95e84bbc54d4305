import { Router, type Request } from 'express';
import { ApiError } from '../../http/api-error';
import { principalOf, requireAuth } from '../../http/require-auth';
import { validate } from '../../http/validate';
import type { AuthToken } from '../auth/auth-token';
import type { CitizenTokens } from '../wallet/citizen-tokens';
import { dashboardCsv, dashboardPdf } from './kpi-report';
import { dashboardQuery, indicatorIdParam, recordsQuery, reportQuery, servedBody, surveyBody } from './kpi.schemas';
import type { KpiService } from './kpi-service';

/** Strips undefined optionals (exactOptionalPropertyTypes). */
function defined<T extends Record<string, unknown>>(o: T): { [K in keyof T]: Exclude<T[K], undefined> } {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as { [K in keyof T]: Exclude<T[K], undefined> };
}

function citizenOf(tokens: CitizenTokens | undefined, req: Request): string {
  const header = req.headers.authorization;
  if (tokens === undefined) throw new ApiError('HEALTH_ID_UNAVAILABLE', 'the wallet is not running on this gateway');
  if (header === undefined || !header.startsWith('Bearer ')) throw new ApiError('UNAUTHENTICATED', 'missing citizen bearer token (log in at POST /api/wallet/auth/login)');
  return tokens.verify(header.slice('Bearer '.length).trim()).citizenId;
}

/** /api/kpi: the provincial KPI dashboard (managers, auditors), survey answers (citizens), OPD service starts (staff). */
export function kpiRouter(deps: { service: KpiService; tokens: AuthToken; citizenTokens?: CitizenTokens }): Router {
  const router = Router();
  const staff = requireAuth(deps.tokens);
  const { service } = deps;

  // citizens answer in the wallet (their own token, not a staff one)
  router.post('/surveys', async (req, res) => {
    const citizenId = citizenOf(deps.citizenTokens, req);
    const body = validate(surveyBody, req.body);
    res.status(201).json(await service.answerSurvey(citizenId, body));
  });

  router.get('/indicators', staff, async (req, res) => {
    const q = validate(dashboardQuery, req.query);
    res.json(await service.dashboard(principalOf(req), defined(q)));
  });

  router.get('/indicators/:id/records', staff, async (req, res) => {
    const id = validate(indicatorIdParam, req.params.id);
    const q = validate(recordsQuery, req.query);
    res.json(await service.records(principalOf(req), id, defined(q)));
  });

  router.get('/report.csv', staff, async (req, res) => {
    const q = validate(reportQuery, req.query);
    const d = await service.dashboard(principalOf(req), defined({ from: q.from, to: q.to, hospital: q.hospital }));
    res.type('text/csv; charset=utf-8').setHeader('Content-Disposition', `attachment; filename="kpi-${d.scope.hcode ?? 'province'}-${d.months[0] ?? ''}-${d.months.at(-1) ?? ''}.csv"`);
    res.send(dashboardCsv(d));
  });

  router.get('/report.pdf', staff, async (req, res) => {
    const q = validate(reportQuery, req.query);
    const d = await service.dashboard(principalOf(req), defined({ from: q.from, to: q.to, hospital: q.hospital }));
    res.type('application/pdf').setHeader('Content-Disposition', `attachment; filename="kpi-${d.scope.hcode ?? 'province'}-${d.months[0] ?? ''}-${d.months.at(-1) ?? ''}.pdf"`);
    res.send(await dashboardPdf(d));
  });

  router.post('/refresh', staff, async (req, res) => {
    const q = validate(dashboardQuery, req.query);
    res.json(await service.refresh(principalOf(req), defined({ from: q.from, to: q.to })));
  });

  router.post('/opd/served', staff, async (req, res) => {
    const body = validate(servedBody, req.body);
    res.status(201).json(await service.markServed(principalOf(req), body.bookingId));
  });

  return router;
}
