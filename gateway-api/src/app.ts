import { existsSync } from 'node:fs';
import path from 'node:path';
import express, { type Express } from 'express';
import { errorHandler, notFoundHandler } from './http/error-handler';
import { openApiDocument } from './http/openapi';
import { requireAuth } from './http/require-auth';
import { auditRouter } from './modules/audit/audit.router';
import type { LedgerAuditService } from './modules/audit/audit.service';
import { authRouter } from './modules/auth/auth.router';
import { LoginThrottle, limitsFromEnv } from './modules/auth/login-throttle';
import { cocRouter } from './modules/coc/coc.router';
import type { CocService } from './modules/coc/coc.service';
import { codesRouter } from './modules/codes/codes.router';
import type { Icd10Catalogue } from './modules/codes/icd10-catalogue';
import { fhirRouter } from './modules/fhir/fhir.router';
import type { AuthToken } from './modules/auth/auth-token';
import type { UserDirectory } from './modules/auth/user-directory';
import { pharmacyRouter } from './modules/pharmacy/pharmacy.router';
import type { PharmacyService } from './modules/pharmacy/pharmacy.service';
import { referralsRouter } from './modules/referrals/referrals.router';
import type { ReferralsService } from './modules/referrals/referrals.service';
import { referralSearchRouter } from './modules/referral-search/referral-search.router';
import type { ReferralSearchService } from './modules/referral-search/referral-search.service';
import { kioskRouter, type KioskRouterDeps } from './modules/kiosk/kiosk.router';
import type { UnitRegistry } from './units/unit-registry';
import type { CitizenTokens } from './modules/wallet/citizen-tokens';
import { walletRouter } from './modules/wallet/wallet.router';
import type { WalletService } from './modules/wallet/wallet.service';
import { emsRouter, streamTokenFromQuery } from './modules/ems/ems.router';
import type { EmsService } from './modules/ems/ems.service';
import { identityRouter } from './modules/identity/identity.router';
import type { IdentityService } from './modules/identity/identity.service';
import type { SecondFactor } from './modules/identity/second-factor';
import { kpiRouter } from './modules/kpi/kpi.router';
import type { KpiService } from './modules/kpi/kpi-service';

/** Everything the HTTP layer needs; tests pass fakes. */
export interface AppDeps {
  readonly users: UserDirectory;
  readonly tokens: AuthToken;
  readonly units: UnitRegistry;
  readonly referrals: ReferralsService;
  /** List, stats and time in state from the query store; without it those routes are absent. */
  readonly referralSearch?: ReferralSearchService;
  /** Ledger verification for auditors (POST /api/audit/verify); without it the route is absent. */
  readonly audit?: LedgerAuditService;
  /** Smart Home Care COC (/api/coc); without it the routes are absent. */
  readonly coc?: CocService;
  /** Continued-medicine refills (/api/pharmacy); without it those routes are absent. */
  readonly pharmacy?: PharmacyService;
  /** Curated ICD-10 subset for /api/codes; without it /api/codes is absent. */
  readonly icd10?: Icd10Catalogue;
  /** Smart payment kiosk (/api/kiosk, issue 13); without it those routes are absent. */
  readonly kiosk?: Omit<KioskRouterDeps, 'tokens'>;
  /** Citizen Smart Health Wallet (/api/wallet); without it the routes are absent. */
  readonly wallet?: { readonly service: WalletService; readonly citizenTokens: CitizenTokens };
  /** Smart EMS 1669 (/api/ems); without it the routes are absent. */
  readonly ems?: EmsService;
  /** Staff identities by each organisation's administrator (/api/identity, issue 15); without it the routes are absent. */
  readonly identity?: IdentityService;
  /** TOTP second factor of administrators and auditors (sign-in check, /api/identity/me/totp). */
  readonly secondFactor?: SecondFactor;
  /** Provincial KPI dashboard (/api/kpi, issue 16); without it the routes are absent. */
  readonly kpi?: KpiService;
  readonly health: express.Router;
  readonly log: (line: string) => void;
  /** Built web client (index.html and assets) served at /, when present. */
  readonly webClientDir?: string;
}

/** Builds the Express application without listening. */
export function createApp(deps: AppDeps): Express {
  const app = express();
  app.disable('x-powered-by');
  app.use(express.json({ limit: '256kb' }));
  const openapi = openApiDocument();
  app.get('/api/openapi.json', (_req, res) => {
    res.json(openapi);
  });
  app.use('/api/health', deps.health);
  app.use('/api/auth', authRouter({ users: deps.users, tokens: deps.tokens, throttle: new LoginThrottle(limitsFromEnv(process.env)), ...(deps.secondFactor === undefined ? {} : { secondFactor: deps.secondFactor }) }));
  app.get('/api/units', (_req, res) => {
    res.json({ units: deps.units.all() });
  });
  if (deps.icd10 !== undefined) app.use('/api/codes', codesRouter({ icd10: deps.icd10 }));
  // query-store reads first, so that /api/referrals/stats is not taken for a referral id
  if (deps.referralSearch !== undefined) app.use('/api/referrals', requireAuth(deps.tokens), referralSearchRouter(deps.referralSearch));
  app.use('/api/referrals', requireAuth(deps.tokens), fhirRouter({ referrals: deps.referrals, units: deps.units }));
  app.use('/api/referrals', requireAuth(deps.tokens), referralsRouter(deps.referrals));
  if (deps.audit !== undefined) app.use('/api/audit', requireAuth(deps.tokens), auditRouter(deps.audit));
  if (deps.coc !== undefined) app.use('/api/coc', requireAuth(deps.tokens), cocRouter(deps.coc));
  if (deps.pharmacy !== undefined) app.use('/api/pharmacy', requireAuth(deps.tokens), pharmacyRouter(deps.pharmacy));
  if (deps.kiosk !== undefined) app.use('/api/kiosk', kioskRouter({ ...deps.kiosk, tokens: deps.tokens }));
  if (deps.wallet !== undefined) app.use('/api/wallet', walletRouter({ ...deps.wallet, staffTokens: deps.tokens }));
  if (deps.ems !== undefined) app.use('/api/ems', streamTokenFromQuery, requireAuth(deps.tokens), emsRouter(deps.ems));
  if (deps.identity !== undefined) app.use('/api/identity', requireAuth(deps.tokens), identityRouter(deps.identity, deps.secondFactor));
  if (deps.kpi !== undefined) app.use('/api/kpi', kpiRouter({ service: deps.kpi, tokens: deps.tokens, ...(deps.wallet === undefined ? {} : { citizenTokens: deps.wallet.citizenTokens }) }));
  app.use('/api', notFoundHandler);
  if (deps.webClientDir !== undefined && existsSync(path.join(deps.webClientDir, 'index.html'))) {
    const dir = deps.webClientDir;
    app.use(express.static(dir, { index: 'index.html', maxAge: '1h' }));
    // client-side routes: any other GET gets the app shell
    app.get(/^\/(?!api\/).*/, (_req, res) => {
      res.sendFile(path.join(dir, 'index.html'));
    });
  }
  app.use(errorHandler(deps.log));
  return app;
}
