import { CODE_SYSTEMS, type CodeSystemRef } from './code-systems';

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

function table<C extends CodeConcept>(
  id: string,
  system: CodeSystemRef,
  title: { th: string; en: string },
  concepts: readonly C[],
  note?: string,
): CodeTable<C> {
  return { id, title, system: system.uri, systemStatus: system.status, source: system.source, ...(note === undefined ? {} : { note }), concepts };
}

const WORKING_TH = 'Thai labels not given by the IG are working translations (verify with the provincial referral centre).';

export const REFER_REASON_TABLE = table('referReason', CODE_SYSTEMS.referReason, { th: 'สาเหตุการส่งต่อ', en: 'Refer reason' }, [
  { code: '1', th: 'เพื่อการวินิจฉัยและรักษา', en: 'Diagnosis and treatment' },
  { code: '2', th: 'เพื่อการวินิจฉัย', en: 'Diagnosis' },
  { code: '3', th: 'เพื่อการรักษาและฟื้นฟูต่อเนื่อง', en: 'Continuing treatment and rehabilitation' },
  { code: '4', th: 'เพื่อการดูแลต่อใกล้บ้าน', en: 'Care close to home (back-referral)' },
  { code: '5', th: 'ตามความต้องการผู้ป่วย', en: 'Patient request' },
]);

export const PRIORITY_TABLE = table<PriorityConcept>(
  'priority',
  CODE_SYSTEMS.priority,
  { th: 'ระดับความเร่งด่วน', en: 'Priority' },
  [
    { code: '1', th: 'คุกคามต่อชีวิต', en: 'Life threatening', fhir: 'stat' },
    { code: '2', th: 'ฉุกเฉิน', en: 'Emergency', fhir: 'asap' },
    { code: '3', th: 'เร่งด่วน', en: 'Urgent', fhir: 'urgent' },
    { code: '4', th: 'เฉียบพลัน', en: 'Acute', fhir: 'urgent' },
    { code: '5', th: 'ไม่เฉียบพลัน', en: 'Non-acute', fhir: 'routine' },
  ],
  `The referral's priority is the number 1..5. ${WORKING_TH} The IG gives English labels only.`,
);

export const FAST_TRACK_TABLE = table(
  'fastTrack',
  CODE_SYSTEMS.fastTrack,
  { th: 'กลุ่มโรคเฉพาะ (ช่องทางด่วน)', en: 'Fast track' },
  [
    { code: '01', th: 'กล้ามเนื้อหัวใจขาดเลือดเฉียบพลันชนิด STEMI', en: 'STEMI' },
    { code: '02', th: 'โรคหลอดเลือดสมอง', en: 'Stroke' },
    { code: '03', th: 'ผู้บาดเจ็บรุนแรง', en: 'Trauma' },
    { code: '04', th: 'มะเร็ง', en: 'Cancer' },
    { code: '05', th: 'ภาวะติดเชื้อในกระแสเลือด', en: 'Sepsis' },
    { code: '06', th: 'ตั้งครรภ์ คลอด และหลังคลอด', en: 'Pregnancy, labour, postpartum' },
    { code: '07', th: 'ทารกแรกเกิด', en: 'Newborn' },
    { code: '99', th: 'อื่น ๆ', en: 'Other' },
  ],
  WORKING_TH,
);

export const PATIENT_CATEGORY_TABLE = table('patientCategory', CODE_SYSTEMS.patientCategory, { th: 'ประเภทผู้ป่วยก่อนส่งต่อ', en: 'Patient category' }, [
  { code: 'I', th: 'ผู้ป่วยใน', en: 'Inpatient' },
  { code: 'O', th: 'ผู้ป่วยนอก', en: 'Outpatient' },
  { code: 'E', th: 'ผู้ป่วยฉุกเฉิน', en: 'Emergency' },
]);

export const CARE_DURING_TRANSFER_TABLE = table(
  'careDuringTransfer',
  CODE_SYSTEMS.careDuringTransfer,
  { th: 'การดูแลระหว่างส่งต่อ', en: 'Care during transfer' },
  [
    { code: '1', th: 'ทางเดินหายใจ', en: 'Airway' },
    { code: '2', th: 'การหายใจ', en: 'Breathing' },
    { code: '3', th: 'ให้สารน้ำทางหลอดเลือดดำ', en: 'IV fluid' },
    { code: '4', th: 'ห้ามเลือด', en: 'Stop bleeding' },
    { code: '5', th: 'ใส่เฝือก/ดามกระดูก', en: 'Splint' },
    { code: '6', th: 'อื่น ๆ', en: 'Other' },
  ],
  'Several codes may be chosen (careDuringTransfer is an array).',
);

export const REFER_RESULT_TABLE = table(
  'referResult',
  CODE_SYSTEMS.referResult,
  { th: 'ผลการส่งต่อ', en: 'Refer result' },
  [
    { code: '1', th: 'ตอบรับการส่งต่อ', en: 'Accepted' },
    { code: '2', th: 'ปฏิเสธการส่งต่อ', en: 'Refused' },
    { code: '3', th: 'เสียชีวิตระหว่างการส่งต่อ', en: 'Died during transfer' },
    { code: '4', th: 'ไม่พบผู้ป่วย', en: 'Patient not found' },
    { code: '5', th: 'อื่น ๆ', en: 'Other' },
  ],
  'resultCode of POST /api/referrals/:id/complete.',
);

export const REFER_OUTCOME_TABLE = table('referOutcome', CODE_SYSTEMS.referOutcome, { th: 'ผลการส่งต่อไปรับบริการ', en: 'Refer outcome' }, [
  { code: '1', th: 'สถานบริการปลายทางรับการส่งต่อผู้ป่วย', en: 'Accepted by the receiving unit' },
  { code: '2', th: 'สถานบริการปลายทางไม่รับการส่งต่อผู้ป่วย', en: 'Refused by the receiving unit' },
  { code: '3', th: 'ผู้ป่วยไม่ไปรับบริการที่สถานพยาบาลปลายทาง', en: 'Patient did not go to the receiving unit' },
  { code: '9', th: 'ไม่ทราบ', en: 'Unknown' },
]);

/**
 * Why a receiving unit refuses: every entry is refer result 2 (refused) / outcome 2; the chaincode
 * stores only the 1-digit result code, so the sub-reason travels at the start of `reasonText`.
 */
export const REJECT_REASON_TABLE = table<RejectReasonConcept>(
  'rejectReason',
  CODE_SYSTEMS.refusalReason,
  { th: 'เหตุผลการปฏิเสธการส่งต่อ', en: 'Reason for refusal' },
  [
    { code: 'no-bed', th: 'เตียงเต็ม/ไม่มีเตียงว่าง (รวม ICU)', en: 'No bed available (ward or ICU full)', reasonCode: '2', referOutcome: '2' },
    { code: 'no-specialist', th: 'ไม่มีแพทย์เฉพาะทางให้บริการในขณะนี้', en: 'Specialist not available', reasonCode: '2', referOutcome: '2' },
    { code: 'equipment-unavailable', th: 'เครื่องมือหรือบริการที่ต้องการไม่พร้อมใช้งาน', en: 'Equipment or service temporarily unavailable', reasonCode: '2', referOutcome: '2' },
    { code: 'beyond-capability', th: 'เกินศักยภาพของสถานพยาบาล', en: "Beyond this unit's service level", reasonCode: '2', referOutcome: '2' },
    { code: 'other-destination', th: 'ควรส่งต่อไปยังสถานพยาบาลอื่นที่เหมาะสมกว่า', en: 'Another unit is more appropriate (name it in the text)', reasonCode: '2', referOutcome: '2' },
    { code: 'incomplete-information', th: 'ข้อมูลการส่งต่อไม่ครบถ้วน', en: 'Referral information incomplete', reasonCode: '2', referOutcome: '2' },
    { code: 'not-indicated', th: 'ไม่มีข้อบ่งชี้ในการส่งต่อ ดูแลต่อที่ต้นทางได้', en: 'Not indicated; can be managed at the referring unit', reasonCode: '2', referOutcome: '2' },
    { code: 'outside-catchment', th: 'อยู่นอกเขตรับผิดชอบหรือไม่ตรงสิทธิการรักษา', en: 'Outside catchment area or coverage', reasonCode: '2', referOutcome: '2' },
    { code: 'other', th: 'อื่น ๆ (ระบุ)', en: 'Other (explain)', reasonCode: '2', referOutcome: '2' },
  ],
  'Send reasonCode "2" (refer result: refused) and start reasonText with the chosen label, e.g. "No bed available (ward or ICU full): ...". ' +
    'Sub-reason codes are the project’s own (provisional). ' +
    WORKING_TH,
);

export const STATUS_TABLE = table<StatusConcept>(
  'status',
  CODE_SYSTEMS.referralStatus,
  { th: 'สถานะการส่งต่อ', en: 'Referral status' },
  [
    { code: 'requested', th: 'ส่งต่อแล้ว รอตอบรับ', en: 'Requested', fhirTaskStatus: 'requested', fhirServiceRequestStatus: 'active', std15Status: 'P', terminal: false },
    { code: 'received', th: 'ปลายทางรับเรื่องแล้ว', en: 'Received', fhirTaskStatus: 'received', fhirServiceRequestStatus: 'active', std15Status: 'P', terminal: false },
    { code: 'accepted', th: 'ตอบรับแล้ว', en: 'Accepted', fhirTaskStatus: 'accepted', fhirServiceRequestStatus: 'active', std15Status: 'A', referOutcome: '1', terminal: false },
    { code: 'arrived', th: 'ผู้ป่วยมาถึงแล้ว', en: 'Arrived', fhirTaskStatus: 'in-progress', fhirServiceRequestStatus: 'active', std15Status: 'A', referOutcome: '1', terminal: false },
    { code: 'completed', th: 'สิ้นสุดการส่งต่อ', en: 'Completed', fhirTaskStatus: 'completed', fhirServiceRequestStatus: 'completed', std15Status: 'F', referOutcome: '1', terminal: true },
    { code: 'rejected', th: 'ปฏิเสธการส่งต่อ', en: 'Rejected', fhirTaskStatus: 'rejected', fhirServiceRequestStatus: 'revoked', std15Status: 'R', referOutcome: '2', terminal: true },
    { code: 'cancelled', th: 'ยกเลิกการส่งต่อ', en: 'Cancelled', fhirTaskStatus: 'cancelled', fhirServiceRequestStatus: 'revoked', std15Status: 'C', terminal: true },
    { code: 'no-show', th: 'ผู้ป่วยไม่มารับบริการ', en: 'No-show', fhirTaskStatus: 'failed', fhirServiceRequestStatus: 'revoked', referOutcome: '3', terminal: true },
  ],
  'Statuses of docs/contracts.md with their FHIR Task/ServiceRequest status, e-Refer 15-file status and PCU refer outcome.',
);

export const KIND_TABLE = table('kind', CODE_SYSTEMS.referralKind, { th: 'ประเภทการส่งต่อ', en: 'Referral kind' }, [
  { code: 'referral', th: 'ส่งต่อ', en: 'Referral' },
  { code: 'back-referral', th: 'ส่งกลับไปดูแลต่อใกล้บ้าน', en: 'Back-referral (care close to home)' },
  { code: 'onward', th: 'ส่งต่อไปยังสถานพยาบาลอื่น', en: 'Onward referral to a third unit' },
]);

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
