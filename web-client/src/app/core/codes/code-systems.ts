import referralCodes from '../../../../../fixtures/referral-codes.json';
import type { Lang } from '../i18n/thai-date';

/**
 * Thai referral code systems (sil-th terminology CS_THCC_Refer, 43-file plus-files 44 and 50)
 * with Thai and English labels. The client asks the gateway (GET /api/codes) first and falls
 * back to these built-in tables when the endpoint is missing, so the forms always work. The
 * built-in tables come from fixtures/referral-codes.json at build time (the gateway's own source).
 */

/** One code with its labels. */
export interface CodeLabel {
  readonly code: string;
  readonly th: string;
  readonly en: string;
  /**
   * For refusal sub-reasons: the code sent as `reasonCode` of a rejection (file-50 refer result
   * 2, refused); the sub-reason's label then starts `reasonText`.
   */
  readonly reasonCode?: string;
}

/** The code systems the client uses. */
export interface CodeSystems {
  readonly reason: readonly CodeLabel[];
  readonly priority: readonly CodeLabel[];
  readonly fastTrack: readonly CodeLabel[];
  readonly patientCategory: readonly CodeLabel[];
  readonly careDuringTransfer: readonly CodeLabel[];
  readonly rejectionReason: readonly CodeLabel[];
  readonly result: readonly CodeLabel[];
}

/** The keys of {@link CodeSystems}. */
export type CodeSystemName = keyof CodeSystems;

/** The tables of fixtures/referral-codes.json the client uses, by its name → the fixture's table id. */
const FIXTURE_TABLE: Record<CodeSystemName, keyof (typeof referralCodes)['tables']> = {
  reason: 'referReason',
  priority: 'priority',
  fastTrack: 'fastTrack',
  patientCategory: 'patientCategory',
  careDuringTransfer: 'careDuringTransfer',
  rejectionReason: 'rejectReason',
  result: 'referResult',
};

/** Code and labels of a fixture concept (and `reasonCode` for refusal sub-reasons). */
function toCodeLabel(concept: { code: string; th: string; en: string; reasonCode?: string }): CodeLabel {
  const { code, th, en, reasonCode } = concept;
  return reasonCode === undefined ? { code, th, en } : { code, th, en, reasonCode };
}

/**
 * Built-in tables, used when GET /api/codes is not there or lacks a system: built in from
 * fixtures/referral-codes.json, the file the gateway serves, so offline labels equal online ones.
 */
export const BUILT_IN_CODES: CodeSystems = Object.fromEntries(
  (Object.keys(FIXTURE_TABLE) as CodeSystemName[]).map((name) => [
    name,
    (referralCodes.tables[FIXTURE_TABLE[name]].concepts as readonly { code: string; th: string; en: string; reasonCode?: string }[]).map(toCodeLabel),
  ]),
) as unknown as CodeSystems;

/** Names the gateway might use for each system (camelCase, kebab, snake, file-50 naming). */
const ALIASES: Record<CodeSystemName, readonly string[]> = {
  reason: ['reason', 'reasons', 'referReason', 'refer-reason', 'refer_reason', 'reasonCode'],
  priority: ['priority', 'priorities', 'referPriority'],
  fastTrack: ['fastTrack', 'fast-track', 'fast_track', 'fastTracks'],
  patientCategory: ['patientCategory', 'patient-category', 'patient_category', 'patientCategories'],
  careDuringTransfer: ['careDuringTransfer', 'care-during-transfer', 'care_during_transfer', 'careInTransfer'],
  rejectionReason: ['rejectReason', 'rejectionReason', 'rejection-reason', 'rejection_reason', 'rejectReason', 'rejectionReasons', 'refusalReason'],
  result: ['result', 'referResult', 'refer-result', 'refer_result', 'results', 'resultCode'],
};

/**
 * Reads GET /api/codes (shape not fixed yet) into CodeSystems. Accepts a system either as an
 * array of `{ code, th|display|displayTh|nameTh|labelTh, en|displayEn|nameEn|labelEn }` or as a
 * record code → label (string or `{th, en}`), at the top level or under `codes`/`codeSystems`.
 * Missing or unreadable systems keep their built-in table.
 */
export function normaliseCodeSystems(body: unknown): CodeSystems {
  const root = unwrap(body);
  const out: Record<string, readonly CodeLabel[]> = { ...BUILT_IN_CODES };
  if (root === undefined) return out as unknown as CodeSystems;
  for (const name of Object.keys(ALIASES) as CodeSystemName[]) {
    const key = ALIASES[name].find((k) => root[k] !== undefined);
    if (key === undefined) continue;
    const parsed = readSystem(root[key], BUILT_IN_CODES[name]);
    if (parsed.length > 0) out[name] = parsed;
  }
  return out as unknown as CodeSystems;
}

function unwrap(body: unknown): Record<string, unknown> | undefined {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return undefined;
  const b = body as Record<string, unknown>;
  for (const k of ['tables', 'codes', 'codeSystems', 'systems']) {
    const inner = b[k];
    if (typeof inner === 'object' && inner !== null && !Array.isArray(inner)) return inner as Record<string, unknown>;
  }
  return b;
}

function readSystem(value: unknown, builtIn: readonly CodeLabel[]): CodeLabel[] {
  // a system may itself be wrapped: { concept: [...] } / { codes: [...] } / { values: [...] }
  if (typeof value === 'object' && value !== null && !Array.isArray(value)) {
    const v = value as Record<string, unknown>;
    for (const k of ['concept', 'concepts', 'codes', 'values', 'items']) {
      if (Array.isArray(v[k])) return readSystem(v[k], builtIn);
    }
    return Object.entries(v).flatMap(([code, label]) => entry(code, label, builtIn));
  }
  if (!Array.isArray(value)) return [];
  return value.flatMap((item: unknown) => {
    if (typeof item !== 'object' || item === null) return [];
    const code = (item as { code?: unknown }).code;
    if (typeof code !== 'string' && typeof code !== 'number') return [];
    return entry(String(code), item, builtIn);
  });
}

function entry(code: string, label: unknown, builtIn: readonly CodeLabel[]): CodeLabel[] {
  const fallback = builtIn.find((c) => c.code === code);
  if (typeof label === 'string') return [{ code, th: label, en: fallback?.en ?? label }];
  if (typeof label !== 'object' || label === null) return [];
  const l = label as Record<string, unknown>;
  const pick = (...keys: string[]): string | undefined => {
    for (const k of keys) if (typeof l[k] === 'string' && (l[k] as string).length > 0) return l[k] as string;
    return undefined;
  };
  const th = pick('th', 'displayTh', 'display_th', 'nameTh', 'labelTh', 'thai');
  const en = pick('en', 'displayEn', 'display_en', 'nameEn', 'labelEn', 'english', 'display', 'label', 'name');
  if (th === undefined && en === undefined) return fallback ? [fallback] : [];
  const reasonCode = typeof l['reasonCode'] === 'string' ? l['reasonCode'] : fallback?.reasonCode;
  return [{ code, th: th ?? fallback?.th ?? en ?? code, en: en ?? fallback?.en ?? th ?? code, ...(reasonCode === undefined ? {} : { reasonCode }) }];
}

/** The label of `code` in `system`, in `lang`; the bare code when unknown. */
export function codeLabel(systems: CodeSystems, system: CodeSystemName, code: string | number | undefined | null, lang: Lang): string {
  if (code === undefined || code === null || code === '') return '';
  const c = String(code);
  const found = systems[system].find((x) => x.code === c || x.code === c.padStart(2, '0') || x.code.replace(/^0/, '') === c);
  return found ? found[lang] : c;
}

/** An ICD-10 code with its display text. */
export interface Icd10Code {
  readonly code: string;
  /** English (WHO) title: what the clinical summary stores. */
  readonly display: string;
  /** Thai label, when the server has one. */
  readonly th?: string;
}

/**
 * A small offline ICD-10 list for the diagnosis picker, used when GET /api/codes/icd10 is
 * missing: common reasons for referral in Thai provincial care (WHO ICD-10 titles).
 */
export const BUILT_IN_ICD10: readonly Icd10Code[] = [
  { code: 'I21.9', display: 'Acute myocardial infarction, unspecified' },
  { code: 'I21.0', display: 'Acute transmural myocardial infarction of anterior wall' },
  { code: 'I63.9', display: 'Cerebral infarction, unspecified' },
  { code: 'I61.9', display: 'Intracerebral haemorrhage, unspecified' },
  { code: 'I64', display: 'Stroke, not specified as haemorrhage or infarction' },
  { code: 'I10', display: 'Essential (primary) hypertension' },
  { code: 'I50.9', display: 'Heart failure, unspecified' },
  { code: 'E11.9', display: 'Type 2 diabetes mellitus without complications' },
  { code: 'E11.5', display: 'Type 2 diabetes mellitus with peripheral circulatory complications' },
  { code: 'N18.5', display: 'Chronic kidney disease, stage 5' },
  { code: 'J44.1', display: 'Chronic obstructive pulmonary disease with acute exacerbation' },
  { code: 'J18.9', display: 'Pneumonia, unspecified' },
  { code: 'A41.9', display: 'Sepsis, unspecified' },
  { code: 'A90', display: 'Dengue fever [classical dengue]' },
  { code: 'A91', display: 'Dengue haemorrhagic fever' },
  { code: 'S06.0', display: 'Concussion' },
  { code: 'S72.0', display: 'Fracture of neck of femur' },
  { code: 'T14.9', display: 'Injury, unspecified' },
  { code: 'O80', display: 'Single spontaneous delivery' },
  { code: 'O14.1', display: 'Severe pre-eclampsia' },
  { code: 'P07.3', display: 'Other preterm infants' },
  { code: 'K35.8', display: 'Acute appendicitis, other and unspecified' },
  { code: 'C50.9', display: 'Malignant neoplasm of breast, unspecified' },
  { code: 'C22.0', display: 'Liver cell carcinoma' },
  { code: 'C34.9', display: 'Malignant neoplasm of bronchus or lung, unspecified' },
  { code: 'Z50.9', display: 'Care involving use of rehabilitation procedure, unspecified' },
  { code: 'Z74.0', display: 'Reduced mobility (bedridden)' },
  { code: 'G81.9', display: 'Hemiplegia, unspecified' },
];

/**
 * The text sent for a rejection: `reasonCode` and `reasonText` of POST /api/referrals/:id/reject.
 * A sub-reason with its own `reasonCode` (refused, 2) is named in English at the start of the text.
 */
export function rejectionPayload(reason: CodeLabel, text: string): { reasonCode: string; reasonText: string } {
  const t = text.trim();
  if (reason.reasonCode === undefined) return { reasonCode: reason.code, reasonText: t };
  return { reasonCode: reason.reasonCode, reasonText: t ? `${reason.en}: ${t}` : reason.en };
}

/** Filters the offline ICD-10 list by code prefix or words of the display text. */
export function searchBuiltInIcd10(query: string, limit = 20): Icd10Code[] {
  const q = query.trim().toLowerCase();
  if (q.length === 0) return BUILT_IN_ICD10.slice(0, limit);
  return BUILT_IN_ICD10.filter((c) => c.code.toLowerCase().startsWith(q) || c.display.toLowerCase().includes(q)).slice(0, limit);
}

/** Reads GET /api/codes/icd10?q= (array, or `{ items|results|codes|concepts }`) into ICD-10 codes. */
export function normaliseIcd10(body: unknown): Icd10Code[] {
  const list = Array.isArray(body)
    ? body
    : ['items', 'results', 'codes', 'concepts', 'icd10', 'data']
        .map((k) => (body as Record<string, unknown> | null)?.[k])
        .find((v) => Array.isArray(v));
  if (!Array.isArray(list)) return [];
  return list.flatMap((item: unknown) => {
    if (typeof item !== 'object' || item === null) return [];
    const i = item as Record<string, unknown>;
    const code = i['code'] ?? i['icd10'];
    const display = i['display'] ?? i['en'] ?? i['displayEn'] ?? i['name'] ?? i['th'] ?? i['displayTh'] ?? i['title'];
    const th = i['th'] ?? i['displayTh'];
    if (typeof code !== 'string') return [];
    return [{ code, display: typeof display === 'string' ? display : code, ...(typeof th === 'string' && th !== display ? { th } : {}) }];
  });
}
