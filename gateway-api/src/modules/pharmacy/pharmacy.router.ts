import { Router, type Request } from 'express';
import { principalOf } from '../../http/require-auth';
import { validate } from '../../http/validate';
import { changeChannelSchema, createPlanSchema, custodyStepSchema, cycleParam, dispenseSchema, planIdParam } from './pharmacy.schemas';
import type { PharmacyService } from './pharmacy.service';

const planIdOf = (req: Request): string => validate(planIdParam, req.params.planId);
const cycleOf = (req: Request): number => validate(cycleParam, req.params.cycle);

/** /api/pharmacy: refill plans, channel changes, dispensing, and the rule tables. Mount behind requireAuth. */
export function pharmacyRouter(service: PharmacyService): Router {
  const router = Router();

  // The TMT subset (illustrative codes flagged), the refill rule table and the partner drugstores.
  router.get('/drugs', (_req, res) => {
    res.json({ drugs: service.catalogue.drugs });
  });
  router.get('/rules', (_req, res) => {
    res.json({ rules: service.catalogue.rules });
  });
  router.get('/drugstores', (_req, res) => {
    res.json({ drugstores: service.catalogue.drugstores });
  });

  // Work lists and indicators from the read model (projected from PharmacyChanged events).
  router.get('/worklist/due', async (req, res) => {
    res.json({ items: await service.dueAtMyUnit(principalOf(req)) });
  });
  router.get('/worklist/deliveries', async (req, res) => {
    res.json({ items: await service.myDeliveries(principalOf(req)) });
  });
  router.get('/indicators', async (_req, res) => {
    res.json(await service.indicators());
  });

  // A hospital clinician creates a refill plan; 201 with the plan and its cycles.
  router.post('/plans', async (req, res) => {
    const body = validate(createPlanSchema, req.body);
    const result = await service.createPlan(principalOf(req), body);
    res.status(201).location(`/api/pharmacy/plans/${result.plan.planId}`).json(result);
  });

  // The plan with every cycle: planned channel, channel changes and the dispensing event.
  router.get('/plans/:planId', async (req, res) => {
    res.json(await service.getPlan(principalOf(req), planIdOf(req)));
  });

  // The private items, for the prescribing organisation.
  router.get('/plans/:planId/items', async (req, res) => {
    res.json(await service.getItems(principalOf(req), planIdOf(req)));
  });

  router.post('/plans/:planId/cycles/:cycle/channel', async (req, res) => {
    const planId = planIdOf(req);
    const cycle = cycleOf(req);
    res.json(await service.changeChannel(principalOf(req), planId, cycle, validate(changeChannelSchema, req.body)));
  });

  router.post('/plans/:planId/cycles/:cycle/dispense', async (req, res) => {
    const planId = planIdOf(req);
    const cycle = cycleOf(req);
    res.status(201).json(await service.dispense(principalOf(req), planId, cycle, validate(dispenseSchema, req.body)));
  });

  // A step of the chain of custody of a post or volunteer delivery, by the person who did it.
  router.post('/plans/:planId/cycles/:cycle/custody', async (req, res) => {
    const planId = planIdOf(req);
    const cycle = cycleOf(req);
    res.json(await service.recordCustody(principalOf(req), planId, cycle, validate(custodyStepSchema, req.body)));
  });

  return router;
}
