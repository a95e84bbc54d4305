import { ApiError } from '../../http/api-error';
import { CID, CLINICIAN, FakePharmacyLedger, ITEMS, PHARMACIST, serviceOn, VOLUNTEER } from './test-support/pharmacy-fakes';

const PLAN = { patient: { cid: CID }, startDate: '2026-01-05', intervalDays: 28, cycleCount: 3, channel: 'hospital-pharmacy' as const, items: ITEMS };

async function codeOf(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof ApiError) return error.code;
    throw error;
  }
  throw new Error('expected a rejection');
}

describe('PharmacyService', () => {
  it('creates a plan as the clinician: pseudonym instead of the CID, items only in the transient map', async () => {
    const ledger = new FakePharmacyLedger();
    const result = await serviceOn(ledger).createPlan(CLINICIAN, PLAN);
    expect(result.plan.planId).toBe('RX-1');
    expect(result.txId).toBe('tx-1');
    const [call] = ledger.calls;
    expect(call).toMatchObject({ kind: 'submit', staff: 'clinician.buddhasothorn', name: 'CreateRefillPlan' });
    const args = call?.options?.arguments ?? [];
    const payload = JSON.parse(args[0] ?? '{}') as Record<string, unknown>;
    expect(payload.planId).toMatch(/^RX-[0-9a-f-]{36}$/);
    expect(payload.patientPseudonym).toMatch(/^[0-9a-f]{64}$/);
    expect(JSON.stringify(args)).not.toContain(CID);
    expect(JSON.stringify(args)).not.toContain('990001');
    expect(JSON.parse(String(call?.options?.transientData?.items))).toEqual(ITEMS);
    expect((call?.options as { endorsingOrganizations?: string[] }).endorsingOrganizations).toEqual(['BuddhasothornMSP']);
  });

  it('keeps a client-chosen plan id (idempotent retries)', async () => {
    const ledger = new FakePharmacyLedger();
    await serviceOn(ledger).createPlan(CLINICIAN, { ...PLAN, planId: 'RX-CLIENT-1' });
    expect(JSON.parse(ledger.calls[0]?.options?.arguments?.[0] ?? '{}')).toMatchObject({ planId: 'RX-CLIENT-1' });
  });

  it.each([
    ['a pharmacist creating a plan', () => serviceOn(new FakePharmacyLedger()).createPlan(PHARMACIST, PLAN), 'FORBIDDEN_ROLE'],
    ['an unknown drug code', () => serviceOn(new FakePharmacyLedger()).createPlan(CLINICIAN, { ...PLAN, items: [{ tmtId: '123456', quantity: 1 }] }), 'UNKNOWN_DRUG_CODE'],
    ['a bad CID', () => serviceOn(new FakePharmacyLedger()).createPlan(CLINICIAN, { ...PLAN, patient: { cid: '1234567890123' } }), 'INVALID_CID'],
    ['a volunteer dispensing', () => serviceOn(new FakePharmacyLedger()).dispense(VOLUNTEER, 'RX-1', 1, { items: ITEMS }), 'FORBIDDEN_ROLE'],
    ['a clinician dispensing', () => serviceOn(new FakePharmacyLedger()).dispense(CLINICIAN, 'RX-1', 1, { items: ITEMS }), 'FORBIDDEN_ROLE'],
    ['a volunteer changing a channel', () => serviceOn(new FakePharmacyLedger()).changeChannel(VOLUNTEER, 'RX-1', 2, { channel: 'post', onBehalfOfPatient: false }), 'FORBIDDEN_ROLE'],
    ['an unknown plan', () => serviceOn(new FakePharmacyLedger()).dispense(PHARMACIST, 'RX-404', 1, { items: ITEMS }), 'PLAN_NOT_FOUND'],
  ] as const)('refuses %s before any write', async (_label, run, code) => {
    expect(await codeOf(run())).toBe(code);
  });

  it('writes nothing when it refuses', async () => {
    const ledger = new FakePharmacyLedger();
    await codeOf(serviceOn(ledger).dispense(PHARMACIST, 'RX-1', 1, { items: [{ tmtId: '000000', quantity: 1 }] }));
    expect(ledger.calls.filter((c) => c.kind === 'submit')).toEqual([]);
  });

  it('dispenses as the pharmacist, endorsed by the prescribing organisation, items in the transient map', async () => {
    const ledger = new FakePharmacyLedger();
    const result = await serviceOn(ledger).dispense(PHARMACIST, 'RX-1', 1, { channel: 'hospital-pharmacy', items: ITEMS });
    expect(result.cycle.status).toBe('dispensed');
    const submit = ledger.calls.find((c) => c.kind === 'submit');
    expect(submit?.options?.arguments).toEqual(['RX-1', '1', 'hospital-pharmacy']);
    expect((submit?.options as { endorsingOrganizations?: string[] }).endorsingOrganizations).toEqual(['BuddhasothornMSP']);
    expect(JSON.parse(String(submit?.options?.transientData?.items))).toEqual(ITEMS);
  });

  it('passes the chaincode ALREADY_DISPENSED through for a later dispense', async () => {
    const ledger = new FakePharmacyLedger();
    const service = serviceOn(ledger);
    await service.dispense(PHARMACIST, 'RX-1', 1, { items: ITEMS });
    expect(await codeOf(service.dispense(PHARMACIST, 'RX-1', 1, { items: ITEMS }))).toBe('ALREADY_DISPENSED');
  });

  it('50 concurrent dispenses of one cycle: 1 succeeds, 49 are answered ALREADY_DISPENSED', async () => {
    const ledger = new FakePharmacyLedger();
    const service = serviceOn(ledger);
    const outcomes = await ledger.inOneBlock(() =>
      Promise.allSettled(Array.from({ length: 50 }, () => service.dispense(PHARMACIST, 'RX-1', 1, { items: ITEMS }))),
    );
    expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(1);
    const refused = outcomes.filter((o): o is PromiseRejectedResult => o.status === 'rejected');
    expect(refused).toHaveLength(49);
    for (const outcome of refused) {
      expect(outcome.reason).toBeInstanceOf(ApiError);
      expect((outcome.reason as ApiError).code).toBe('ALREADY_DISPENSED');
      expect((outcome.reason as ApiError).status).toBe(409);
    }
  });

  describe('a dispense whose commit status stayed unknown (503 LEDGER_UNAVAILABLE with its transaction ID)', () => {
    const unknownOutcome = (transactionId: string): ApiError =>
      new ApiError('LEDGER_UNAVAILABLE', 'CommitStatusError: DEADLINE_EXCEEDED', { transactionId, outcome: 'unknown' });

    it('is 409 ALREADY_DISPENSED when another transaction dispensed the cycle', async () => {
      const ledger = new FakePharmacyLedger();
      ledger.dispensed.add(1); // by tx-winner
      ledger.nextSubmitError = unknownOutcome('tx-mine');
      const error = await serviceOn(ledger).dispense(PHARMACIST, 'RX-1', 1, { items: ITEMS }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ApiError);
      expect((error as ApiError).code).toBe('ALREADY_DISPENSED');
      expect(ledger.calls.filter((c) => c.kind === 'submit')).toHaveLength(1);
    });

    it('succeeds when the cycle was dispensed by this very transaction', async () => {
      const ledger = new FakePharmacyLedger();
      ledger.dispensed.add(1);
      ledger.nextSubmitError = unknownOutcome('tx-winner');
      const result = await serviceOn(ledger).dispense(PHARMACIST, 'RX-1', 1, { items: ITEMS });
      expect(result.txId).toBe('tx-winner');
      expect(result.cycle.status).toBe('dispensed');
    });

    it('stays 503 while the cycle is still open (a retry is safe), and never resubmits by itself', async () => {
      const ledger = new FakePharmacyLedger();
      ledger.nextSubmitError = unknownOutcome('tx-mine');
      expect(await codeOf(serviceOn(ledger).dispense(PHARMACIST, 'RX-1', 1, { items: ITEMS }))).toBe('LEDGER_UNAVAILABLE');
      expect(ledger.calls.filter((c) => c.kind === 'submit')).toHaveLength(1);
      expect(ledger.calls.filter((c) => c.kind === 'evaluate' && c.name === 'GetRefillPlan').length).toBeGreaterThan(1);
    });

    it('stays 503 without a transaction ID (the endorsement itself failed)', async () => {
      const ledger = new FakePharmacyLedger();
      ledger.dispensed.add(1);
      ledger.nextSubmitError = new ApiError('LEDGER_UNAVAILABLE', 'endorsement failed');
      expect(await codeOf(serviceOn(ledger).dispense(PHARMACIST, 'RX-1', 1, { items: ITEMS }))).toBe('LEDGER_UNAVAILABLE');
    });
  });

  it('retries once when the conflict came from something else (the cycle is still open)', async () => {
    const ledger = new FakePharmacyLedger();
    ledger.nextSubmitError = new ApiError('LEDGER_CONFLICT', 'MVCC_READ_CONFLICT');
    const result = await serviceOn(ledger).dispense(PHARMACIST, 'RX-1', 2, { items: ITEMS });
    expect(result.cycle.status).toBe('dispensed');
    expect(ledger.calls.filter((c) => c.kind === 'submit')).toHaveLength(2);
  });

  it('changes a channel, endorsed by the prescribing organisation', async () => {
    const ledger = new FakePharmacyLedger();
    await serviceOn(ledger).changeChannel(PHARMACIST, 'RX-1', 2, { channel: 'health-centre', unitHcode: '03903', onBehalfOfPatient: true });
    const submit = ledger.calls.find((c) => c.kind === 'submit');
    expect(submit?.options?.arguments).toEqual(['RX-1', '2', 'health-centre', '03903', 'true']);
    expect((submit?.options as { endorsingOrganizations?: string[] }).endorsingOrganizations).toEqual(['BuddhasothornMSP']);
  });

  it('reads the plan and its items as the caller', async () => {
    const ledger = new FakePharmacyLedger();
    const service = serviceOn(ledger);
    expect((await service.getPlan(CLINICIAN, 'RX-1')).cycles).toHaveLength(3);
    expect((await service.getItems(CLINICIAN, 'RX-1')).matchesLedger).toBe(true);
  });

  it('exposes the rule tables with their verification flags', () => {
    const { catalogue } = serviceOn(new FakePharmacyLedger());
    expect(catalogue.drugs.length).toBeGreaterThan(10);
    expect(catalogue.drugs.every((d) => d.illustrative)).toBe(true);
    expect(catalogue.rules[0]).toMatchObject({ earlyToleranceDays: 7, verified: false });
    expect(catalogue.hasDrug('990001')).toBe(true);
  });
});

describe('PharmacyService: delivery custody', () => {
  it('sends a fresh one-time code with every dispense and returns it only for a delivery', async () => {
    const ledger = new FakePharmacyLedger();
    const counter = await serviceOn(ledger).dispense(PHARMACIST, 'RX-1', 1, { items: ITEMS });
    expect(counter.confirmationCode).toBeUndefined();
    const sent = ledger.calls.find((c) => c.kind === 'submit')?.options?.transientData?.confirmationCode;
    expect(String(sent)).toMatch(/^[A-Z2-9]{16}$/);
    const post = await serviceOn(ledger).dispense(PHARMACIST, 'RX-1', 3, { items: ITEMS, channel: 'post' });
    expect(post.confirmationCode).toMatch(/^[A-Z2-9]{16}$/);
    expect(post.confirmationCode).not.toBe(sent);
  });

  it('records a custody step endorsed by the prescribing and the dispensing organisation, code in the transient map', async () => {
    const ledger = new FakePharmacyLedger();
    ledger.dispensed.add(3);
    await serviceOn(ledger).recordCustody(PHARMACIST, 'RX-1', 3, { step: 'delivered', confirmationCode: 'ABCDEFGHJKLMNPQR' });
    const submit = ledger.calls.find((c) => c.kind === 'submit');
    expect(submit?.name).toBe('RecordCustodyStep');
    expect(submit?.options?.arguments).toEqual(['RX-1', '3', 'delivered', '']);
    expect(submit?.options?.transientData).toEqual({ confirmationCode: 'ABCDEFGHJKLMNPQR' });
    expect((submit?.options as { endorsingOrganizations?: string[] }).endorsingOrganizations).toEqual(['BuddhasothornMSP', 'BuddhasothornMSP']);
  });

  it('refuses a custody step on a cycle not dispensed, and by a clinician', async () => {
    expect(await codeOf(serviceOn(new FakePharmacyLedger()).recordCustody(PHARMACIST, 'RX-1', 2, { step: 'packed' }))).toBe('INVALID_TRANSITION');
    expect(await codeOf(serviceOn(new FakePharmacyLedger()).recordCustody(CLINICIAN, 'RX-1', 2, { step: 'packed' }))).toBe('FORBIDDEN_ROLE');
  });

  it('flags a delivery not confirmed by its confirmBy day', async () => {
    const ledger = new FakePharmacyLedger();
    ledger.dispensed.add(3);
    const onTime = await serviceOn(ledger, () => new Date('2026-01-12T10:00:00Z')).getPlan(CLINICIAN, 'RX-1');
    expect(onTime.cycles[2]?.overdue).toBe(false);
    const late = await serviceOn(ledger, () => new Date('2026-01-12T17:30:00Z')).getPlan(CLINICIAN, 'RX-1');
    expect(late.cycles[2]?.overdue).toBe(true);
    expect(late.cycles[0]?.overdue).toBeUndefined();
  });
});
