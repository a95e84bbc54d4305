/**
 * Code system and identifier URIs used by the code tables and the FHIR export.
 *
 * `sil-th` entries are the canonical URLs of the Thai terminology IG
 * (sil-th/terminology-ig `input/fsh/AL_CS.fsh`, `AL_ID.fsh`; sil-th/extension-ig
 * `input/fsh/Alias/AL_Extensions.fsh`). Published versions of that IG differ between
 * `http://` and `https://`; the https form (as in domain-standards §1) is used.
 * `provisional` entries have no published Thai equivalent that we could confirm:
 * replace them once the project has official URIs.
 */
export interface CodeSystemRef {
  readonly uri: string;
  readonly status: 'sil-th' | 'hl7' | 'provisional';
  /** Where the URI and the codes come from. */
  readonly source: string;
}

const SIL_TH_CS = 'https://terms.sil-th.org/CodeSystem';
const SIL_TH_EX = 'https://fhir-ig.sil-th.org/extensions/StructureDefinition';

/** Base of the project's own (provisional) URIs. */
export const PROJECT_BASE = 'https://cco-referral.example';

/** Chachoengsao province code, used in the provincial refer-number system `{province}/Refer`. */
export const PROVINCE_CODE = '24';

export const CODE_SYSTEMS = {
  referReason: { uri: `${SIL_TH_CS}/cs-thcc-refer-in-reason`, status: 'sil-th', source: 'sil-th terminology-ig CS_THCC_ReferReason (43 files)' },
  priority: { uri: `${SIL_TH_CS}/cs-thcc-refer-thai-priority`, status: 'sil-th', source: 'sil-th terminology-ig CS_THCC_ReferThaiPriority (THCC ID 127)' },
  fastTrack: { uri: `${SIL_TH_CS}/cs-43file-refer-special-disease`, status: 'sil-th', source: 'sil-th terminology-ig CS_43File_ReferSpecialDisease (REFER_HISTORY)' },
  patientCategory: {
    uri: `${SIL_TH_CS}/cs-thcc-refer-category`,
    status: 'provisional',
    source: 'sil-th terminology-ig CS_THCC_ReferCategory (I/O/E); later IG versions call it cs-std15-refer-category: verify',
  },
  careDuringTransfer: { uri: `${SIL_TH_CS}/cs-43file-refer-care-procedure`, status: 'sil-th', source: 'sil-th terminology-ig CS_43File_ReferCareProcedure (CARE_REFER, file 44)' },
  referResult: { uri: `${SIL_TH_CS}/cs-43file-refer-result`, status: 'sil-th', source: 'sil-th terminology-ig CS_43File_ReferResult (REFER_RESULT, file 50)' },
  referOutcome: { uri: `${SIL_TH_CS}/cs-pcu-refer-outcome`, status: 'sil-th', source: 'sil-th terminology-ig CS_PCU_ReferOutcome' },
  std15ReferStatus: { uri: `${SIL_TH_CS}/cs-std15-refer-status`, status: 'sil-th', source: 'sil-th terminology-ig CS_Std15_ReferStatus (e-Refer 15 files)' },
  refusalReason: { uri: `${PROJECT_BASE}/CodeSystem/refusal-reason`, status: 'provisional', source: 'project sub-reasons of refer result 2 (refused)' },
  referralStatus: { uri: `${PROJECT_BASE}/CodeSystem/referral-status`, status: 'provisional', source: 'project lifecycle, docs/contracts.md' },
  referralKind: { uri: `${PROJECT_BASE}/CodeSystem/referral-kind`, status: 'provisional', source: 'project referral kinds, docs/contracts.md' },
  icd10: { uri: 'http://hl7.org/fhir/sid/icd-10', status: 'hl7', source: 'WHO ICD-10 (HL7 canonical URI)' },
  snomed: { uri: 'http://snomed.info/sct', status: 'hl7', source: 'SNOMED CT' },
  organizationType: { uri: 'http://terminology.hl7.org/CodeSystem/organization-type', status: 'hl7', source: 'HL7 terminology' },
  observationValue: { uri: 'http://terminology.hl7.org/CodeSystem/v3-ObservationValue', status: 'hl7', source: 'HL7 v3 ObservationValue (PSEUDED)' },
  taskCode: { uri: 'http://hl7.org/fhir/CodeSystem/task-code', status: 'hl7', source: 'FHIR R4 task-code' },
  dataQuality: { uri: `${PROJECT_BASE}/CodeSystem/data-quality`, status: 'provisional', source: 'project flag for illustrative fixture data' },
} as const satisfies Record<string, CodeSystemRef>;

/** Identifier systems (sil-th `AL_ID.fsh` unless marked). */
export const IDENTIFIER_SYSTEMS = {
  hcode: 'https://terms.sil-th.org/id/th-moph-hcode',
  /** Provincial refer number `{province}/Refer`: the network-wide referral ID. */
  provincialRefer: `https://terms.sil-th.org/${PROVINCE_CODE}/Refer`,
  /** Provisional: the keyed patient pseudonym (never the national ID). */
  pseudonym: `${PROJECT_BASE}/pseudonym`,
} as const;

/** Extension URLs: sil-th extension-ig where one fits, otherwise provisional project URLs. */
export const EXTENSION_URLS = {
  thaiReferPriority: `${SIL_TH_EX}/ex-servicerequest-thai-refer-priority`,
  referStatus: `${SIL_TH_EX}/ex-servicerequest-refer-status`,
  referResultReason: `${SIL_TH_EX}/ex-servicerequest-refer-result-reason`,
  /** FHIR core translation extension, for the English unit name. */
  translation: 'http://hl7.org/fhir/StructureDefinition/translation',
  /** Provisional: SHA-256 (hex) of the private clinical summary; the summary itself is never exported. */
  clinicalSummaryHash: `${PROJECT_BASE}/fhir/StructureDefinition/clinical-summary-sha256`,
  /** Provisional: referral kind (referral, back-referral, onward). */
  referralKind: `${PROJECT_BASE}/fhir/StructureDefinition/referral-kind`,
} as const;
