import { z } from 'zod';
import { CODE_SYSTEMS, type CodeSystemKey, type CodeSystemRef } from './code-systems';
import { loadFixture } from './fixture-file';

/** One code with its Thai and English label. */
export interface CodeConcept {
  readonly code: string;
  readonly th: string;
  readonly en: string;
}

/** A code table as served by GET /api/codes. */
export interface CodeTable<C extends CodeConcept = CodeConcept> {
  readonly id: string;
  readonly title: { readonly th: string; readonly en: string };
  readonly system: string;
  readonly systemStatus: CodeSystemRef['status'];
  readonly source: string;
  /** Caveats: working translations, how the codes are sent to the API. */
  readonly note?: string;
  readonly concepts: readonly C[];
}

/** FHIR request priority. */
export type FhirRequestPriority = 'routine' | 'urgent' | 'asap' | 'stat';

export interface PriorityConcept extends CodeConcept {
  /** FHIR ServiceRequest/Task.priority for this Thai priority. */
  readonly fhir: FhirRequestPriority;
}

export type FhirTaskStatus = 'requested' | 'received' | 'accepted' | 'rejected' | 'cancelled' | 'in-progress' | 'completed' | 'failed';
export type FhirServiceRequestStatus = 'active' | 'completed' | 'revoked';

/** The referral lifecycle statuses of docs/contracts.md. */
export const REFERRAL_STATUSES = ['requested', 'received', 'accepted', 'arrived', 'completed', 'rejected', 'cancelled', 'no-show'] as const;
export type ReferralStatus = (typeof REFERRAL_STATUSES)[number];

export interface StatusConcept extends CodeConcept {
  readonly code: ReferralStatus;
  readonly fhirTaskStatus: FhirTaskStatus;
  readonly fhirServiceRequestStatus: FhirServiceRequestStatus;
  /** e-Refer 15-file status (A, P, R, F, C), when one fits. */
  readonly std15Status?: string;
  /** PCU refer outcome (1 accepted, 2 refused, 3 did not go), once known. */
  readonly referOutcome?: string;
  /** No further transition. */
  readonly terminal: boolean;
}

export interface RejectReasonConcept extends CodeConcept {
  /** Value for `reasonCode` of POST /api/referrals/:id/reject: file-50 refer result. */
  readonly reasonCode: '2';
  /** PCU refer outcome it implies. */
  readonly referOutcome: '2';
}

export const REFERRAL_KINDS = ['referral', 'back-referral', 'onward'] as const;
export type ReferralKind = (typeof REFERRAL_KINDS)[number];

// ---- fixtures/referral-codes.json: the one source of these tables (the chaincode and the web client use it too) ----

const text = z.string().min(1);
const labels = { code: text, th: text, en: text };
const conceptSchema = z.strictObject(labels);
const priorityConceptSchema = z.strictObject({ ...labels, fhir: z.enum(['routine', 'urgent', 'asap', 'stat']) });
const statusConceptSchema = z.strictObject({
  code: z.enum(REFERRAL_STATUSES),
  th: text,
  en: text,
  fhirTaskStatus: z.enum(['requested', 'received', 'accepted', 'rejected', 'cancelled', 'in-progress', 'completed', 'failed']),
  fhirServiceRequestStatus: z.enum(['active', 'completed', 'revoked']),
  std15Status: z.enum(['A', 'P', 'R', 'F', 'C']).optional(),
  referOutcome: text.optional(),
  terminal: z.boolean(),
});
const rejectReasonConceptSchema = z.strictObject({ ...labels, reasonCode: z.literal('2'), referOutcome: z.literal('2') });
const kindConceptSchema = z.strictObject({ code: z.enum(REFERRAL_KINDS), th: text, en: text });

const codeSystemKeys = Object.keys(CODE_SYSTEMS) as [CodeSystemKey, ...CodeSystemKey[]];

/** A table as stored in the fixture: its code system by key, resolved below into URI, status and source. */
function storedTable<S extends z.ZodType<CodeConcept>>(concept: S) {
  return z.strictObject({
    id: text,
    title: z.strictObject({ th: text, en: text }),
    codeSystem: z.enum(codeSystemKeys),
    note: text.optional(),
    concepts: z
      .array(concept)
      .min(1)
      .refine((concepts) => new Set(concepts.map((c) => c.code)).size === concepts.length, 'codes must be unique'),
  });
}

const referralCodesFileSchema = z.strictObject({
  description: z.string(),
  tables: z
    .strictObject({
      referReason: storedTable(conceptSchema),
      priority: storedTable(priorityConceptSchema),
      fastTrack: storedTable(conceptSchema),
      patientCategory: storedTable(conceptSchema),
      careDuringTransfer: storedTable(conceptSchema),
      rejectReason: storedTable(rejectReasonConceptSchema),
      referResult: storedTable(conceptSchema),
      referOutcome: storedTable(conceptSchema),
      status: storedTable(statusConceptSchema),
      kind: storedTable(kindConceptSchema),
    })
    .refine((tables) => Object.entries(tables).every(([key, t]) => t.id === key), 'each table id must equal its key')
    .refine((tables) => sameCodes(tables.status.concepts, REFERRAL_STATUSES), 'status must list every referral status once')
    .refine((tables) => sameCodes(tables.kind.concepts, REFERRAL_KINDS), 'kind must list every referral kind once'),
});

function sameCodes(concepts: readonly CodeConcept[], expected: readonly string[]): boolean {
  return concepts.length === expected.length && expected.every((code) => concepts.some((c) => c.code === code));
}

/** The whole of fixtures/referral-codes.json as stored. */
export type ReferralCodesFile = z.output<typeof referralCodesFileSchema>;

/** Where fixtures/referral-codes.json was read from (for the test that compares GET /api/codes with it). */
export const REFERRAL_CODES_FIXTURE = 'referral-codes.json';

const STORED = loadFixture(REFERRAL_CODES_FIXTURE, referralCodesFileSchema).tables;

/** The served form of a stored table: its code system resolved (key order as GET /api/codes has always had). */
function served<C extends CodeConcept>(stored: {
  readonly id: string;
  readonly title: { readonly th: string; readonly en: string };
  readonly codeSystem: CodeSystemKey;
  readonly note?: string | undefined;
  readonly concepts: readonly C[];
}): CodeTable<C> {
  const system = CODE_SYSTEMS[stored.codeSystem];
  const { id, title, note, concepts } = stored;
  return { id, title, system: system.uri, systemStatus: system.status, source: system.source, ...(note === undefined ? {} : { note }), concepts };
}

export const REFER_REASON_TABLE: CodeTable = served(STORED.referReason);
export const PRIORITY_TABLE: CodeTable<PriorityConcept> = served(STORED.priority);
export const FAST_TRACK_TABLE: CodeTable = served(STORED.fastTrack);
export const PATIENT_CATEGORY_TABLE: CodeTable = served(STORED.patientCategory);
export const CARE_DURING_TRANSFER_TABLE: CodeTable = served(STORED.careDuringTransfer);
export const REFER_RESULT_TABLE: CodeTable = served(STORED.referResult);
export const REFER_OUTCOME_TABLE: CodeTable = served(STORED.referOutcome);

/**
 * Why a receiving unit refuses: every entry is refer result 2 (refused) / outcome 2; the chaincode
 * stores only the 1-digit result code, so the sub-reason travels at the start of `reasonText`.
 */
export const REJECT_REASON_TABLE: CodeTable<RejectReasonConcept> = served(STORED.rejectReason);
export const STATUS_TABLE: CodeTable<StatusConcept> = served(STORED.status);
export const KIND_TABLE: CodeTable = served(STORED.kind);

/** Every table of GET /api/codes, by id. */
export const REFERRAL_CODE_TABLES = {
  referReason: REFER_REASON_TABLE,
  priority: PRIORITY_TABLE,
  fastTrack: FAST_TRACK_TABLE,
  patientCategory: PATIENT_CATEGORY_TABLE,
  careDuringTransfer: CARE_DURING_TRANSFER_TABLE,
  rejectReason: REJECT_REASON_TABLE,
  referResult: REFER_RESULT_TABLE,
  referOutcome: REFER_OUTCOME_TABLE,
  status: STATUS_TABLE,
  kind: KIND_TABLE,
} as const;

/** The concept of `code` in `codeTable`, if any. */
export function conceptOf<C extends CodeConcept>(codeTable: CodeTable<C>, code: string): C | undefined {
  return codeTable.concepts.find((c) => c.code === code);
}
