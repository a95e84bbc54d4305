import { Router, type Request, type RequestHandler } from 'express';
import { ApiError } from '../../http/api-error';
import { principalOf, requireAuth } from '../../http/require-auth';
import { validate } from '../../http/validate';
import type { AuthToken } from '../auth/auth-token';
import type { CitizenPrincipal, CitizenTokens } from './citizen-tokens';
import type { WalletService } from './wallet.service';
import {
  benefitsQuerySchema,
  bookSchema,
  bookingIdParam,
  citizenLoginSchema,
  confirmRegistrationSchema,
  dayQuerySchema,
  lineLinkSchema,
  nearestQuerySchema,
  proofSchema,
  publishSessionSchema,
  registerSchema,
  rescheduleSchema,
  sessionIdParam,
  riskGroupsSchema,
  slotsQuerySchema,
  waitingListSchema,
} from './wallet.schemas';

const CITIZEN = Symbol('citizen');
type CitizenRequest = Request & { [CITIZEN]?: CitizenPrincipal };

/** Rejects requests without a valid citizen token (staff tokens are not citizen tokens). */
export function requireCitizen(tokens: CitizenTokens): RequestHandler {
  return (req, _res, next) => {
    const header = req.headers.authorization;
    if (header === undefined || !header.startsWith('Bearer ')) {
      next(new ApiError('UNAUTHENTICATED', 'missing bearer token (log in at POST /api/wallet/auth/login)'));
      return;
    }
    (req as CitizenRequest)[CITIZEN] = tokens.verify(header.slice('Bearer '.length).trim());
    next();
  };
}

function citizenOf(req: Request): CitizenPrincipal {
  const c = (req as CitizenRequest)[CITIZEN];
  if (c === undefined) throw new ApiError('UNAUTHENTICATED', 'not authenticated');
  return c;
}

/** Dependencies of {@link walletRouter}. */
export interface WalletRouterDeps {
  readonly service: WalletService;
  readonly citizenTokens: CitizenTokens;
  /** Staff tokens, for the Health ID desk routes. */
  readonly staffTokens: AuthToken;
}

/**
 * /api/wallet: public (login, register, services, tambons, nearest units, slots), citizen (`/me/...`,
 * citizen token) and desk (`/desk/...`, staff token) routes.
 */
export function walletRouter(deps: WalletRouterDeps): Router {
  const { service } = deps;
  const router = Router();
  const citizen = requireCitizen(deps.citizenTokens);
  const staff = requireAuth(deps.staffTokens);

  // ---- public
  router.post('/auth/login', async (req, res) => {
    const body = validate(citizenLoginSchema, req.body);
    const c = await service.login(body.username, body.password);
    res.json({ token: deps.citizenTokens.sign(c.id), tokenType: 'Bearer', expiresIn: deps.citizenTokens.ttlSeconds, citizen: await service.profile(c.id) });
  });
  router.post('/auth/register', async (req, res) => {
    res.status(202).json(await service.register(validate(registerSchema, req.body)));
  });
  router.post('/auth/register/confirm', async (req, res) => {
    const body = validate(confirmRegistrationSchema, req.body);
    const c = await service.confirmRegistration(body.registrationId, body.code);
    res.status(201).json({ token: deps.citizenTokens.sign(c.id), tokenType: 'Bearer', expiresIn: deps.citizenTokens.ttlSeconds, citizen: await service.profile(c.id) });
  });
  router.get('/services', (_req, res) => {
    res.json(service.catalogue());
  });
  router.get('/tambons', (_req, res) => {
    res.json({ tambons: service.tambons() });
  });
  router.get('/units/nearest', (req, res) => {
    res.json(service.nearest(validate(nearestQuerySchema, req.query)));
  });
  router.get('/slots', async (req, res) => {
    res.json(await service.slots(validate(slotsQuerySchema, req.query)));
  });

  // ---- citizen
  router.post('/auth/logout', citizen, (req, res) => {
    deps.citizenTokens.revoke(citizenOf(req).tokenId);
    res.status(204).end();
  });
  router.get('/me', citizen, async (req, res) => {
    res.json(await service.profile(citizenOf(req).citizenId));
  });
  router.put('/me/risk-groups', citizen, async (req, res) => {
    res.json(await service.setRiskGroups(citizenOf(req).citizenId, validate(riskGroupsSchema, req.body).riskGroups));
  });
  router.put('/me/line', citizen, async (req, res) => {
    res.json(await service.setLineUserId(citizenOf(req).citizenId, validate(lineLinkSchema, req.body).lineUserId));
  });
  router.get('/me/health-id', citizen, async (req, res) => {
    res.set('cache-control', 'no-store').json(await service.healthIdCard(citizenOf(req).citizenId));
  });
  router.get('/me/benefits', citizen, async (req, res) => {
    res.json(await service.benefits(citizenOf(req).citizenId, validate(benefitsQuerySchema, req.query).date));
  });
  router.get('/me/bookings', citizen, async (req, res) => {
    res.json(await service.myBookings(citizenOf(req).citizenId));
  });
  router.post('/me/bookings', citizen, async (req, res) => {
    const result = await service.book(citizenOf(req).citizenId, validate(bookSchema, req.body));
    res.status(result.created ? 201 : 200).json(result.booking);
  });
  router.post('/me/bookings/:id/cancel', citizen, async (req, res) => {
    res.json(await service.cancel(citizenOf(req).citizenId, validate(bookingIdParam, req.params.id)));
  });
  router.post('/me/bookings/:id/reschedule', citizen, async (req, res) => {
    const id = validate(bookingIdParam, req.params.id);
    res.json(await service.reschedule(citizenOf(req).citizenId, id, validate(rescheduleSchema, req.body).slotId));
  });
  router.post('/me/waiting-list', citizen, async (req, res) => {
    res.status(201).json(await service.joinWaitingList(citizenOf(req).citizenId, validate(waitingListSchema, req.body).slotId));
  });
  router.get('/me/history', citizen, async (req, res) => {
    res.json(await service.history(citizenOf(req).citizenId));
  });

  // ---- desk (staff)
  router.post('/desk/resolve', staff, async (req, res) => {
    res.json(await service.resolve(principalOf(req), validate(proofSchema, req.body).proof));
  });
  router.post('/desk/check-in', staff, async (req, res) => {
    const body = validate(proofSchema, req.body);
    res.json(await service.checkIn(principalOf(req), body.proof, body.bookingId));
  });
  router.post('/desk/bookings/:id/no-show', staff, async (req, res) => {
    res.json(await service.noShow(principalOf(req), validate(bookingIdParam, req.params.id)));
  });
  router.get('/desk/day', staff, async (req, res) => {
    res.json(await service.unitDay(principalOf(req), validate(dayQuerySchema, req.query).date));
  });
  router.get('/desk/sessions', staff, async (req, res) => {
    res.json(await service.unitSessions(principalOf(req)));
  });
  router.post('/desk/sessions', staff, async (req, res) => {
    res.status(201).json(await service.publishSession(principalOf(req), validate(publishSessionSchema, req.body)));
  });
  router.delete('/desk/sessions/:id', staff, async (req, res) => {
    res.json(await service.withdrawSession(principalOf(req), validate(sessionIdParam, req.params.id)));
  });
  router.post('/desk/reminders', staff, async (req, res) => {
    const caller = principalOf(req);
    if (caller.role !== 'nurse' && caller.role !== 'clinician') throw new ApiError('FORBIDDEN_ROLE', 'only unit staff run reminders');
    res.json({ queued: await service.queueReminders() });
  });

  return router;
}
