import { ApiError } from '../../http/api-error';
import type { Unit } from '../../units/unit-registry';
import { CODE_SYSTEMS, EXTENSION_URLS, IDENTIFIER_SYSTEMS, PROJECT_BASE } from '../codes/code-systems';
import {
  CARE_DURING_TRANSFER_TABLE,
  FAST_TRACK_TABLE,
  KIND_TABLE,
  PATIENT_CATEGORY_TABLE,
  PRIORITY_TABLE,
  REFER_OUTCOME_TABLE,
  REFER_REASON_TABLE,
  REFER_RESULT_TABLE,
  STATUS_TABLE,
  conceptOf,
  type CodeConcept,
  type CodeTable,
  type StatusConcept,
} from '../codes/referral-code-tables';
import { parseFhirReferral, type FhirReferral, type FhirReferralStep } from './fhir-referral';
import type {
  Annotation,
  Bundle,
  BundleEntry,
  CodeableConcept,
  Coding,
  Extension,
  Identifier,
  Organization,
  Patient,
  Period,
  Reference,
  ReferralResource,
  ServiceRequest,
  Task,
} from './fhir-resources';
import { pruned, toFhirDateTime, toFhirId, toFhirInstant } from './fhir-values';

/** Where `fullUrl`s point (provisional until the gateway has a FHIR endpoint per resource). */
export const DEFAULT_FHIR_BASE_URL = `${PROJECT_BASE}/fhir`;

/** Looks units up by hcode (the UnitRegistry). */
export interface UnitLookup {
  find(hcode: string): Unit | undefined;
}

export interface ReferralFhirBundleOptions {
  readonly units: UnitLookup;
  /** Base of the entries' `fullUrl`; default {@link DEFAULT_FHIR_BASE_URL}. */
  readonly baseUrl?: string;
}

// SNOMED CT: what is requested.
const PATIENT_REFERRAL: Coding = { system: CODE_SYSTEMS.snomed.uri, code: '3457005', display: 'Patient referral' };
const PRIMARY_CARE_REFERRAL: Coding = { system: CODE_SYSTEMS.snomed.uri, code: '703978000', display: 'Referral to primary care service' };
const FULFILL: Coding = { system: CODE_SYSTEMS.taskCode.uri, code: 'fulfill', display: 'Fulfill the focal request' };
const PSEUDONYMISED: Coding = { system: CODE_SYSTEMS.observationValue.uri, code: 'PSEUDED', display: 'pseudonymized' };
const ILLUSTRATIVE: Coding = { system: CODE_SYSTEMS.dataQuality.uri, code: 'illustrative', display: 'Illustrative record: hcode not verified against the MOPH registry' };

/** Labels of the e-Refer 15-file statuses we emit (sil-th CS_Std15_ReferStatus). */
const STD15_DISPLAY: Readonly<Record<string, string>> = { P: 'Pending', A: 'Accepted', R: 'Rejected', F: 'Final', C: 'Cancelled' };

/** Step actions of the receiving unit, and the actions that close a referral. */
const RECEIVER_ACTIONS = new Set(['receive', 'accept', 'reject', 'arrive', 'complete', 'no-show']);
const TERMINAL_ACTIONS = new Set(['complete', 'reject', 'cancel', 'no-show']);

function coding<C extends CodeConcept>(codeTable: CodeTable<C>, code: string): Coding {
  const concept = conceptOf(codeTable, code);
  return { system: codeTable.system, code, display: concept?.en };
}

function concept<C extends CodeConcept>(codeTable: CodeTable<C>, code: string | undefined): CodeableConcept | undefined {
  if (code === undefined) return undefined;
  const known = conceptOf(codeTable, code);
  return { coding: [coding(codeTable, code)], text: known?.th };
}

/** Refusal codes may be zero-padded on the ledger (`02`); the code system uses `2`. */
function unpadded(code: string): string {
  return code.replace(/^0+(?=\d)/, '');
}

/**
 * Builds the FHIR R4 `Bundle` (type `collection`) of one referral: `ServiceRequest` (the referral), `Task`
 * (its fulfilment), a pseudonymous `Patient` and an `Organization` per unit. Public ledger metadata only:
 * no diagnoses, no name, no national ID; the private clinical summary appears as its SHA-256 only.
 * The output is deterministic (timestamps come from the ledger), so it can be hashed.
 *
 * @example new ReferralFhirBundle({ units }).build(await referrals.get(caller, id))
 */
export class ReferralFhirBundle {
  readonly #units: UnitLookup;
  readonly #baseUrl: string;

  public constructor(options: Readonly<ReferralFhirBundleOptions>) {
    this.#units = options.units;
    this.#baseUrl = (options.baseUrl ?? DEFAULT_FHIR_BASE_URL).replace(/\/+$/, '');
  }

  /**
   * @param ledgerReferral - the public referral JSON (as returned by ReferralsService.get)
   * @throws ApiError INTERNAL when the referral does not have the contract's shape
   */
  public build(ledgerReferral: unknown): Bundle {
    const referral = parseFhirReferral(ledgerReferral);
    const status = conceptOf(STATUS_TABLE, referral.status);
    if (status === undefined) throw new ApiError('INTERNAL', `no FHIR mapping for status ${referral.status}`);
    const resources: ReferralResource[] = [
      this.#serviceRequest(referral, status),
      this.#task(referral, status),
      this.#patient(referral),
      ...[...new Set([referral.fromHcode, referral.toHcode])].map((hcode) => this.#organization(hcode)),
    ];
    const entry: BundleEntry[] = resources.map((resource) => ({ fullUrl: `${this.#baseUrl}/${resource.resourceType}/${resource.id}`, resource }));
    const lastUpdated = toFhirInstant(referral.updatedAt);
    return pruned<Bundle>({
      resourceType: 'Bundle',
      id: toFhirId(referral.id),
      meta: { lastUpdated },
      identifier: this.#referralIdentifier(referral.id),
      type: 'collection',
      timestamp: lastUpdated,
      entry,
    });
  }

  #serviceRequest(referral: FhirReferral, status: StatusConcept): ServiceRequest {
    const priority = conceptOf(PRIORITY_TABLE, String(referral.priority));
    const kind = referral.kind ?? 'referral';
    return {
      resourceType: 'ServiceRequest',
      id: toFhirId(referral.id),
      meta: { lastUpdated: toFhirInstant(referral.updatedAt) },
      extension: [
        { url: EXTENSION_URLS.referralKind, valueCoding: coding(KIND_TABLE, kind) },
        this.#referStatusExtension(referral, status),
        referral.rejection === undefined ? undefined : { url: EXTENSION_URLS.referResultReason, valueString: referral.rejection.reasonText },
        referral.clinicalSummaryHash === undefined ? undefined : { url: EXTENSION_URLS.clinicalSummaryHash, valueString: referral.clinicalSummaryHash },
      ].filter((e): e is Extension => e !== undefined),
      identifier: [this.#referralIdentifier(referral.id)],
      basedOn: referral.parentReferralId === undefined ? undefined : [this.#requestReference(referral.parentReferralId)],
      status: status.fhirServiceRequestStatus,
      intent: 'order',
      category: [concept(PATIENT_CATEGORY_TABLE, referral.patientCategory), concept(FAST_TRACK_TABLE, referral.fastTrack)].filter(
        (c): c is CodeableConcept => c !== undefined,
      ),
      priority: priority?.fhir,
      _priority: { extension: [{ url: EXTENSION_URLS.thaiReferPriority, valueCodeableConcept: concept(PRIORITY_TABLE, String(referral.priority)) }] },
      code: { coding: [kind === 'back-referral' ? PRIMARY_CARE_REFERRAL : PATIENT_REFERRAL], text: conceptOf(KIND_TABLE, kind)?.th },
      orderDetail: (referral.careDuringTransfer ?? []).map((code) => concept(CARE_DURING_TRANSFER_TABLE, code)).filter((c): c is CodeableConcept => c !== undefined),
      subject: this.#patientReference(referral),
      occurrenceDateTime: toFhirDateTime(referral.expectedArrival),
      authoredOn: toFhirDateTime(referral.createdAt),
      requester: this.#organizationReference(referral.fromHcode),
      performer: [this.#organizationReference(referral.toHcode)],
      reasonCode: [concept(REFER_REASON_TABLE, referral.reasonCode)].filter((c): c is CodeableConcept => c !== undefined),
      note: referral.steps.filter((s) => s.note !== undefined && s.note.trim() !== '').map((s) => this.#note(s)),
    };
  }

  /** sil-th refer status: e-Refer 15-file status, PCU outcome and file-50 result, as far as known. */
  #referStatusExtension(referral: FhirReferral, status: StatusConcept): Extension | undefined {
    const codings: Coding[] = [];
    if (status.std15Status !== undefined) codings.push(std15(status.std15Status));
    if (status.referOutcome !== undefined) codings.push(coding(REFER_OUTCOME_TABLE, status.referOutcome));
    const result = referral.result?.resultCode ?? (referral.rejection === undefined ? undefined : unpadded(referral.rejection.reasonCode));
    if (result !== undefined) codings.push(coding(REFER_RESULT_TABLE, result));
    return codings.length === 0 ? undefined : { url: EXTENSION_URLS.referStatus, valueCodeableConcept: { coding: codings } };
  }

  #task(referral: FhirReferral, status: StatusConcept): Task {
    const priority = conceptOf(PRIORITY_TABLE, String(referral.priority));
    const businessStatus: Coding[] = [{ system: STATUS_TABLE.system, code: status.code, display: status.en }];
    if (status.std15Status !== undefined) businessStatus.push(std15(status.std15Status));
    return {
      resourceType: 'Task',
      id: toFhirId(referral.id),
      meta: { lastUpdated: toFhirInstant(referral.updatedAt) },
      identifier: [this.#referralIdentifier(referral.id)],
      basedOn: [this.#requestReference(referral.id)],
      partOf: referral.parentReferralId === undefined ? undefined : [{ reference: `Task/${toFhirId(referral.parentReferralId)}` }],
      status: status.fhirTaskStatus,
      statusReason: this.#statusReason(referral),
      businessStatus: { coding: businessStatus, text: status.th },
      intent: 'order',
      priority: priority?.fhir,
      code: { coding: [FULFILL] },
      focus: this.#requestReference(referral.id),
      for: this.#patientReference(referral),
      executionPeriod: this.#executionPeriod(referral.steps),
      authoredOn: toFhirDateTime(referral.createdAt),
      lastModified: toFhirDateTime(referral.updatedAt),
      requester: this.#organizationReference(referral.fromHcode),
      owner: this.#organizationReference(referral.toHcode),
      output:
        referral.result === undefined
          ? undefined
          : [
              {
                type: { text: 'Refer result (REFER_RESULT, file 50)' },
                valueCodeableConcept: { coding: [coding(REFER_RESULT_TABLE, referral.result.resultCode)], text: referral.result.note },
              },
            ],
    };
  }

  /** Why the task ended this way: coded refusal, cancellation text, or "patient did not go". */
  #statusReason(referral: FhirReferral): CodeableConcept | undefined {
    switch (referral.status) {
      case 'rejected':
        return referral.rejection === undefined
          ? undefined
          : { coding: [coding(REFER_RESULT_TABLE, unpadded(referral.rejection.reasonCode))], text: referral.rejection.reasonText };
      case 'cancelled':
        return { text: referral.cancellation?.reasonText ?? lastStep(referral.steps, 'cancel')?.note };
      case 'no-show':
        return { coding: [coding(REFER_OUTCOME_TABLE, '3')], text: lastStep(referral.steps, 'no-show')?.note };
      default:
        return undefined;
    }
  }

  /** From the receiving unit's first action to the step that closed the referral; none before the receiver acted. */
  #executionPeriod(steps: readonly FhirReferralStep[]): Period | undefined {
    const started = steps.find((s) => RECEIVER_ACTIONS.has(s.action));
    const ended = steps.find((s) => TERMINAL_ACTIONS.has(s.action));
    if (started === undefined) return undefined;
    return { start: toFhirDateTime(started.at), end: toFhirDateTime(ended?.at) };
  }

  #patient(referral: FhirReferral): Patient {
    return {
      resourceType: 'Patient',
      id: toFhirId(referral.patientPseudonym),
      meta: { security: [PSEUDONYMISED] },
      identifier: [{ system: IDENTIFIER_SYSTEMS.pseudonym, value: referral.patientPseudonym }],
    };
  }

  #organization(hcode: string): Organization {
    const unit = this.#units.find(hcode);
    const identifier: Identifier[] = [{ system: IDENTIFIER_SYSTEMS.hcode, value: hcode }];
    if (unit === undefined) return { resourceType: 'Organization', id: toFhirId(hcode), identifier };
    return {
      resourceType: 'Organization',
      id: toFhirId(hcode),
      meta: unit.illustrative ? { tag: [ILLUSTRATIVE] } : undefined,
      language: 'th',
      identifier,
      active: true,
      type: [
        {
          coding: [
            unit.type === 'provincial-office'
              ? { system: CODE_SYSTEMS.organizationType.uri, code: 'govt', display: 'Government' }
              : { system: CODE_SYSTEMS.organizationType.uri, code: 'prov', display: 'Healthcare Provider' },
          ],
          text: unit.type,
        },
      ],
      name: unit.nameTh,
      _name: {
        extension: [
          {
            url: EXTENSION_URLS.translation,
            extension: [
              { url: 'lang', valueCode: 'en' },
              { url: 'content', valueString: unit.nameEn },
            ],
          },
        ],
      },
      alias: [unit.nameEn],
      address: [{ district: unit.district, state: 'Chachoengsao', country: 'TH' }],
      partOf: unit.parentHcode === null ? undefined : this.#organizationReference(unit.parentHcode),
    };
  }

  #note(step: FhirReferralStep): Annotation {
    return { authorReference: this.#organizationReference(step.hcode), time: toFhirDateTime(step.at), text: `${step.action}: ${step.note ?? ''}` };
  }

  #referralIdentifier(id: string): Identifier {
    return { system: IDENTIFIER_SYSTEMS.provincialRefer, value: id };
  }

  #requestReference(id: string): Reference {
    return { reference: `ServiceRequest/${toFhirId(id)}`, identifier: this.#referralIdentifier(id) };
  }

  #patientReference(referral: FhirReferral): Reference {
    return { reference: `Patient/${toFhirId(referral.patientPseudonym)}` };
  }

  #organizationReference(hcode: string): Reference {
    const unit = this.#units.find(hcode);
    return { reference: `Organization/${toFhirId(hcode)}`, display: unit?.nameTh };
  }
}

function std15(code: string): Coding {
  return { system: CODE_SYSTEMS.std15ReferStatus.uri, code, display: STD15_DISPLAY[code] };
}

function lastStep(steps: readonly FhirReferralStep[], action: string): FhirReferralStep | undefined {
  return [...steps].reverse().find((s) => s.action === action);
}
