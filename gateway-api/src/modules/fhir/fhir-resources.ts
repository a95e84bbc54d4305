/**
 * The FHIR R4 data types and resources the referral export emits: only the elements we fill.
 * Validated against the official R4 JSON schema in `referral-fhir-bundle.spec.ts`.
 */

export interface Coding {
  readonly system?: string;
  readonly code?: string;
  readonly display?: string;
}

export interface CodeableConcept {
  readonly coding?: readonly Coding[];
  readonly text?: string;
}

export interface Identifier {
  readonly system?: string;
  readonly value?: string;
}

export interface Reference {
  readonly reference?: string;
  readonly type?: string;
  readonly identifier?: Identifier;
  readonly display?: string;
}

export interface Extension {
  readonly url: string;
  readonly valueString?: string;
  readonly valueCode?: string;
  readonly valueCoding?: Coding;
  readonly valueCodeableConcept?: CodeableConcept;
  readonly extension?: readonly Extension[];
}

/** Extensions of a primitive element (`_priority`, `_name`). */
export interface PrimitiveElement {
  readonly extension?: readonly Extension[];
}

export interface Meta {
  readonly lastUpdated?: string;
  readonly tag?: readonly Coding[];
  readonly security?: readonly Coding[];
}

export interface Period {
  readonly start?: string;
  readonly end?: string;
}

export interface Annotation {
  readonly authorReference?: Reference;
  readonly time?: string;
  readonly text: string;
}

export interface Address {
  readonly district?: string;
  readonly state?: string;
  readonly country?: string;
}

export type RequestPriority = 'routine' | 'urgent' | 'asap' | 'stat';

export interface ServiceRequest {
  readonly resourceType: 'ServiceRequest';
  readonly id: string;
  readonly meta?: Meta;
  readonly extension?: readonly Extension[];
  readonly identifier?: readonly Identifier[];
  readonly basedOn?: readonly Reference[];
  readonly status: 'active' | 'completed' | 'revoked';
  readonly intent: 'order';
  readonly category?: readonly CodeableConcept[];
  readonly priority?: RequestPriority;
  readonly _priority?: PrimitiveElement;
  readonly code?: CodeableConcept;
  readonly orderDetail?: readonly CodeableConcept[];
  readonly subject: Reference;
  readonly occurrenceDateTime?: string;
  readonly authoredOn?: string;
  readonly requester?: Reference;
  readonly performer?: readonly Reference[];
  readonly reasonCode?: readonly CodeableConcept[];
  readonly note?: readonly Annotation[];
}

export interface TaskOutput {
  readonly type: CodeableConcept;
  readonly valueCodeableConcept: CodeableConcept;
}

export interface Task {
  readonly resourceType: 'Task';
  readonly id: string;
  readonly meta?: Meta;
  readonly identifier?: readonly Identifier[];
  readonly basedOn?: readonly Reference[];
  readonly partOf?: readonly Reference[];
  readonly status: 'requested' | 'received' | 'accepted' | 'rejected' | 'cancelled' | 'in-progress' | 'completed' | 'failed';
  readonly statusReason?: CodeableConcept;
  readonly businessStatus?: CodeableConcept;
  readonly intent: 'order';
  readonly priority?: RequestPriority;
  readonly code?: CodeableConcept;
  readonly focus?: Reference;
  readonly for?: Reference;
  readonly executionPeriod?: Period;
  readonly authoredOn?: string;
  readonly lastModified?: string;
  readonly requester?: Reference;
  readonly owner?: Reference;
  readonly output?: readonly TaskOutput[];
}

export interface Patient {
  readonly resourceType: 'Patient';
  readonly id: string;
  readonly meta?: Meta;
  readonly identifier: readonly Identifier[];
}

export interface Organization {
  readonly resourceType: 'Organization';
  readonly id: string;
  readonly meta?: Meta;
  readonly language?: string;
  readonly identifier: readonly Identifier[];
  readonly active?: boolean;
  readonly type?: readonly CodeableConcept[];
  readonly name?: string;
  readonly _name?: PrimitiveElement;
  readonly alias?: readonly string[];
  readonly address?: readonly Address[];
  readonly partOf?: Reference;
}

export type ReferralResource = ServiceRequest | Task | Patient | Organization;

export interface BundleEntry {
  readonly fullUrl: string;
  readonly resource: ReferralResource;
}

export interface Bundle {
  readonly resourceType: 'Bundle';
  readonly id: string;
  readonly meta?: Meta;
  readonly identifier?: Identifier;
  readonly type: 'collection';
  readonly timestamp?: string;
  readonly entry: readonly BundleEntry[];
}
