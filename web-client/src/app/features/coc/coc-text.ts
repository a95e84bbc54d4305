import type { Lang } from '../../core/i18n/thai-date';

/** Texts of the COC screens: Thai first, English second. */
const TEXT = {
  title: ['เยี่ยมบ้าน (COC) ทีมหมอครอบครัว', 'Home visits (COC), 3-doctor team'],
  lead: ['รายการเยี่ยมบ้านที่ถึงกำหนด เกินกำหนดแสดงก่อน', 'Visits due, overdue first'],
  newVisit: ['บันทึกการเยี่ยมบ้าน', 'Record a home visit'],
  scopeMine: ['ของฉัน', 'Mine'],
  scopeUnit: ['ทั้งหน่วย', 'My unit'],
  dueEmpty: ['ไม่มีการเยี่ยมที่ถึงกำหนด', 'No visits due'],
  overdue: ['เกินกำหนด', 'Overdue'],
  due: ['ถึงกำหนด', 'Due'],
  upcoming: ['ยังไม่ถึงกำหนด', 'Upcoming'],
  overdueDays: ['เกิน {n} วัน', '{n} days late'],
  dueOn: ['กำหนด', 'Due'],
  lastVisit: ['เยี่ยมล่าสุด', 'Last visit'],
  never: ['ยังไม่เคยเยี่ยม', 'never'],
  case: ['ผู้ป่วย (รหัสเคส)', 'Patient (case)'],
  volunteer: ['อสม.', 'Volunteer (อสม.)'],
  officer: ['เจ้าหน้าที่ รพ.สต.', 'Health-centre officer'],
  familyDoctor: ['แพทย์เวชศาสตร์ครอบครัว', 'Family doctor'],
  bedridden: ['ติดเตียง', 'Bedridden'],
  homebound: ['ติดบ้าน', 'Homebound'],
  'socially-active': ['ติดสังคม', 'Socially active'],
  syncTitle: ['รอส่งข้อมูล', 'Waiting to sync'],
  syncNone: ['ไม่มีข้อมูลค้างส่ง', 'Nothing waiting'],
  syncPending: ['รอส่ง {n} รายการ', '{n} waiting'],
  syncConflicts: ['ส่งไม่ผ่าน {n} รายการ (ข้อมูลยังอยู่ในเครื่อง)', '{n} refused (kept on this device)'],
  syncNow: ['ส่งข้อมูลตอนนี้', 'Sync now'],
  syncing: ['กำลังส่ง…', 'Syncing…'],
  syncDone: ['ส่งแล้ว {synced} รายการ · มีอยู่แล้ว {already} · ส่งไม่ผ่าน {conflicts} · รอ {waiting}', 'Sent {synced} · already recorded {already} · refused {conflicts} · waiting {waiting}'],
  offline: ['ออฟไลน์: บันทึกได้ตามปกติ ระบบจะส่งเมื่อมีสัญญาณ', 'Offline: keep recording; visits are sent when the signal is back'],
  online: ['ออนไลน์', 'Online'],
  offlineReady: ['เครื่องนี้พร้อมใช้งานแบบไม่มีสัญญาณ', 'This device is ready to work without signal'],
  offlinePreparing: ['กำลังเตรียมแอปให้ใช้ได้แบบไม่มีสัญญาณ…', 'Preparing the app to work without signal…'],
  discard: ['ลบออกจากเครื่อง', 'Discard'],
  retry: ['ลองส่งอีกครั้ง', 'Try again'],
  COC_CASE_CLOSED: ['เคสนี้ปิดไปแล้วระหว่างที่บันทึกแบบออฟไลน์ การเยี่ยมไม่ถูกบันทึก ข้อมูลยังเก็บไว้ในเครื่อง', 'The case was closed while this visit was offline; it was not recorded. It is kept on this device.'],
  COC_VISIT_EXISTS: ['มีการเยี่ยมรหัสนี้แล้วแต่ข้อมูลไม่ตรงกัน', 'A visit with this id exists with different content'],
  COC_NOT_IN_TEAM: ['คุณไม่ได้อยู่ในทีมดูแลผู้ป่วยรายนี้', 'You are not on this patient’s team'],
  COC_VISIT_BEFORE_CASE: ['วันที่เยี่ยมก่อนวันเปิดเคส', 'The visit date is before the case opened'],
  COC_CASE_NOT_FOUND: ['ไม่พบเคสนี้', 'No such case'],
  ADL_SCORE_OUT_OF_RANGE: ['คะแนน ADL ไม่ถูกต้อง', 'An ADL score is out of range'],
  countersignTitle: ['รอรับรองการเยี่ยม', 'Visits awaiting your countersignature'],
  countersignNone: ['ไม่มีการเยี่ยมที่รอรับรอง', 'No visits to countersign'],
  countersign: ['รับรองการเยี่ยม', 'Countersign'],
  countersigned: ['รับรองแล้ว', 'Countersigned'],
  recordedBy: ['บันทึกโดย', 'Recorded by'],
  note: ['หมายเหตุ', 'Note'],
  formLead: ['บันทึกได้แม้ไม่มีสัญญาณ ข้อมูลจะเก็บในเครื่องและส่งภายหลัง', 'Works without signal: the visit is kept on this device and sent later'],
  visitedOn: ['วันที่เยี่ยม', 'Visit date'],
  attendees: ['ผู้ที่อยู่ในการเยี่ยม (คั่นด้วยจุลภาค)', 'Who was there (comma-separated)'],
  adl: ['ประเมิน ADL (Barthel) ใหม่', 'ADL re-score (Barthel)'],
  adlSkip: ['ไม่ได้ประเมินครั้งนี้', 'Not assessed this time'],
  adlTotal: ['คะแนนรวม {score}/20 · {group}', 'Total {score}/20 · {group}'],
  vitals: ['สัญญาณชีพ', 'Vital signs'],
  heartRate: ['ชีพจร (ครั้ง/นาที)', 'Heart rate (/min)'],
  systolic: ['ความดันตัวบน', 'Systolic BP'],
  diastolic: ['ความดันตัวล่าง', 'Diastolic BP'],
  spo2: ['ออกซิเจนปลายนิ้ว (%)', 'SpO₂ (%)'],
  problems: ['ปัญหาที่พบ', 'Problems found'],
  careGiven: ['การดูแลที่ให้', 'Care given'],
  nextStep: ['แผนครั้งต่อไป', 'Next step'],
  save: ['บันทึกการเยี่ยม', 'Save visit'],
  saved: ['บันทึกแล้ว รหัส {id}', 'Saved, id {id}'],
  required: ['กรุณากรอก {field}', 'Please fill in {field}'],
  back: ['กลับ', 'Back'],
  pickCase: ['เลือกผู้ป่วย', 'Choose a patient'],
  orCaseId: ['หรือพิมพ์รหัสเคส', 'or type the case id'],
} as const satisfies Record<string, readonly [string, string]>;

export type CocTextKey = keyof typeof TEXT;

/** The text of `key` in `lang`, with `{name}` placeholders filled. */
export function cocText(lang: Lang, key: CocTextKey, params: Readonly<Record<string, string | number>> = {}): string {
  const text = TEXT[key][lang === 'th' ? 0 : 1];
  return text.replace(/\{(\w+)\}/g, (_m, name: string) => String(params[name] ?? ''));
}

/** True when `code` has a COC-specific message. */
export function isCocTextKey(code: string): code is CocTextKey {
  return Object.prototype.hasOwnProperty.call(TEXT, code);
}
