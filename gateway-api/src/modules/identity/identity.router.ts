import { Router } from 'express';
import { z } from 'zod';
import { principalOf } from '../../http/require-auth';
import { validate } from '../../http/validate';
import { ROLES } from '../auth/user-directory';
import type { IdentityService } from './identity.service';
import type { SecondFactor } from './second-factor';

const username = z.string().regex(/^[a-z0-9][a-z0-9._-]{2,63}$/, 'lower-case letters, digits, dot, dash or underscore (3-64)');
export const addStaffSchema = z
  .object({
    username,
    displayName: z.string().trim().min(1).max(200),
    role: z.enum(ROLES),
    hcode: z.string().regex(/^\d{5}$/),
    designation: z.enum(['family-doctor']).optional(),
    password: z.string().min(12).max(200),
  })
  .strict();
export const changeStaffSchema = z
  .object({
    role: z.enum(ROLES).optional(),
    hcode: z.string().regex(/^\d{5}$/).optional(),
    designation: z.enum(['family-doctor']).nullable().optional(),
  })
  .strict()
  .refine((v) => v.role !== undefined || v.hcode !== undefined || v.designation !== undefined, 'give role, hcode or designation');
export const revokeSchema = z.object({ reason: z.string().trim().min(1).max(500) }).strict();
const usernameParam = z.object({ username });
export const totpCodeSchema = z.object({ code: z.string().regex(/^\d{6}$/, 'six digits from the authenticator app') }).strict();
const limitQuery = z.object({ limit: z.coerce.number().int().min(1).max(1000).default(200) }).strict();

/** /api/identity: an organisation administrator manages their own staff; auditors read the administration log. */
export function identityRouter(service: IdentityService, secondFactor?: SecondFactor): Router {
  const router = Router();
  if (secondFactor !== undefined) {
    // the caller's own TOTP second factor (administrators and auditors)
    router.get('/me/totp', (req, res) => {
      res.json(secondFactor.status(principalOf(req)));
    });
    router.post('/me/totp', async (req, res) => {
      validate(z.object({}).strict(), req.body ?? {});
      res.status(201).json(await secondFactor.setup(principalOf(req)));
    });
    router.post('/me/totp/enable', async (req, res) => {
      res.json(await secondFactor.enable(principalOf(req), validate(totpCodeSchema, req.body).code));
    });
    router.post('/me/totp/disable', async (req, res) => {
      res.json(await secondFactor.disable(principalOf(req), validate(totpCodeSchema, req.body).code));
    });
  }
  router.get('/staff', async (req, res) => {
    res.json({ staff: await service.list(principalOf(req)) });
  });
  router.post('/staff', async (req, res) => {
    const body = validate(addStaffSchema, req.body);
    res.status(201).json({ staff: await service.add(principalOf(req), body) });
  });
  router.patch('/staff/:username', async (req, res) => {
    const { username: target } = validate(usernameParam, req.params);
    res.json({ staff: await service.change(principalOf(req), target, validate(changeStaffSchema, req.body)) });
  });
  router.post('/staff/:username/suspend', async (req, res) => {
    const { username: target } = validate(usernameParam, req.params);
    res.json({ staff: await service.suspend(principalOf(req), target) });
  });
  router.post('/staff/:username/reactivate', async (req, res) => {
    const { username: target } = validate(usernameParam, req.params);
    res.json({ staff: await service.reactivate(principalOf(req), target) });
  });
  router.post('/staff/:username/revoke', async (req, res) => {
    const { username: target } = validate(usernameParam, req.params);
    const { reason } = validate(revokeSchema, req.body);
    res.json(await service.revoke(principalOf(req), target, reason));
  });
  router.get('/actions', async (req, res) => {
    const { limit } = validate(limitQuery, req.query);
    res.json({ actions: await service.actions(principalOf(req), limit) });
  });
  return router;
}
