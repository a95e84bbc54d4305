import { inject, Injectable } from '@angular/core';
import { I18n } from '../../core/i18n/i18n';
import type { Channel } from './refill';

/** The pharmacy pages' own text, Thai first (kept in the feature so the shared message table stays small). */
const TEXT = {
  'title': ['จ่ายยาต่อเนื่อง (Smart Pharmacy)', 'Continued-medicine refills'],
  'lead': ['แผนการรับยาต่อเนื่องของผู้ป่วยโรคเรื้อรัง: แต่ละรอบจ่ายได้ครั้งเดียว ไม่ว่าจะจ่ายที่หน่วยบริการใด', 'Refill plans for chronic patients: each cycle is dispensed once, wherever it is dispensed.'],
  'open': ['เปิดแผนการจ่ายยา', 'Open a refill plan'],
  'planId': ['เลขที่แผน', 'Plan ID'],
  'openBtn': ['เปิด', 'Open'],
  'newPlan': ['สร้างแผนการจ่ายยาต่อเนื่อง', 'New refill plan'],
  'startDate': ['วันรับยารอบแรก', 'First refill day'],
  'interval': ['ระยะห่างระหว่างรอบ (วัน)', 'Interval between cycles (days)'],
  'cycles': ['จำนวนรอบ', 'Number of cycles'],
  'channel': ['ช่องทางรับยา', 'Channel'],
  'unit': ['รหัสหน่วยที่จ่าย (hcode ของ รพ.สต. หรือรหัสร้านยา)', 'Dispensing unit code (รพ.สต. hcode or drugstore code)'],
  'unitHint': ['เว้นว่างได้สำหรับห้องยาโรงพยาบาล ไปรษณีย์ และ อสม. (ใช้โรงพยาบาลของท่าน)', 'Optional for hospital pharmacy, post and volunteer (your hospital is used)'],
  'items': ['รายการยา (TMT)', 'Items (TMT)'],
  'itemsPrivate': ['รายการยาเก็บเป็นข้อมูลส่วนบุคคลของโรงพยาบาลและหน่วยที่จ่าย บนบล็อกเชนมีเพียงค่าแฮช', 'Items stay private to the hospital and the dispensing unit; the ledger keeps only a hash'],
  'illustrative': ['รหัส TMT ในรายการนี้เป็นรหัสตัวอย่าง ยังไม่ได้ตรวจสอบ', 'TMT codes in this list are illustrative placeholders, not verified'],
  'drug': ['ยา', 'Drug'],
  'quantity': ['จำนวนต่อรอบ', 'Quantity per cycle'],
  'sig': ['วิธีใช้', 'Directions'],
  'addItem': ['เพิ่มรายการยา', 'Add item'],
  'remove': ['ลบ', 'Remove'],
  'create': ['บันทึกแผนลงบล็อกเชน', 'Record the plan on the ledger'],
  'created': ['บันทึกแผนแล้ว', 'Plan recorded'],
  'problem.empty': ['กรุณาเพิ่มรายการยาอย่างน้อย 1 รายการ', 'Add at least one item'],
  'problem.duplicate': ['มียาซ้ำในรายการ', 'A drug is listed twice'],
  'problem.quantity': ['จำนวนยาต้องเป็นจำนวนเต็มมากกว่าศูนย์', 'Quantities must be whole numbers above zero'],
  'plan': ['แผนการจ่ายยา', 'Refill plan'],
  'prescriber': ['โรงพยาบาลที่สั่งยา', 'Prescribing hospital'],
  'prescribedBy': ['ผู้สั่ง', 'Prescribed by'],
  'history': ['ประวัติการจ่ายยาแต่ละรอบ', 'Dispensing history by cycle'],
  'cycle': ['รอบ', 'Cycle'],
  'due': ['กำหนด', 'Due'],
  'status': ['สถานะ', 'Status'],
  'status.scheduled': ['รอจ่าย', 'Waiting'],
  'status.dispensed': ['จ่ายแล้ว', 'Dispensed'],
  'dispensedBy': ['ผู้จ่าย', 'Dispensed by'],
  'earliest': ['รับได้ตั้งแต่', 'Earliest day'],
  'matches': ['ตรงกับแผน', 'Matches the plan'],
  'differs': ['ไม่ตรงกับแผน', 'Differs from the plan'],
  'dispense': ['จ่ายยารอบที่ {n}', 'Dispense cycle {n}'],
  'dispensed': ['บันทึกการจ่ายยาแล้ว', 'Dispense recorded'],
  'prefill': ['ใช้รายการยาตามแผน', 'Use the plan’s items'],
  'change': ['เปลี่ยนช่องทางรับยารอบที่ {n}', 'Change the channel of cycle {n}'],
  'onBehalf': ['ผู้ป่วยขอเปลี่ยน', 'The patient asked for it'],
  'changeBtn': ['บันทึกการเปลี่ยนช่องทาง', 'Record the change'],
  'changed': ['เปลี่ยนช่องทางแล้ว', 'Channel changed'],
  'changes': ['การเปลี่ยนช่องทาง', 'Channel changes'],
  'complete': ['จ่ายยาครบทุกรอบแล้ว', 'Every cycle has been dispensed'],
  'custody': ['การส่งยา', 'Delivery'],
  'due.title': ['ผู้ป่วยที่ถึงกำหนดรับยาที่หน่วยของฉัน', 'Refills due at my unit'],
  'deliveries.title': ['ยาที่ฉันรับไปส่ง', 'Deliveries I carry'],
  'empty': ['ไม่มีรายการ', 'Nothing to show'],
  'overdue': ['เกินกำหนดยืนยันการรับยา', 'Not confirmed in time'],
  'confirmBy': ['ยืนยันภายใน', 'Confirm by'],
  'code': ['รหัสยืนยันสำหรับผู้ป่วย (พิมพ์/แจ้งผู้ป่วย ระบบไม่เก็บรหัสนี้)', 'Confirmation code for the patient (print or tell them; the system keeps no copy)'],
  'step': ['ขั้นตอน', 'Step'],
  'tracking': ['เลขพัสดุไปรษณีย์', 'Post tracking number'],
  'patientCode': ['รหัสยืนยันจากผู้ป่วย', 'Patient’s confirmation code'],
  'record': ['บันทึกขั้นตอน', 'Record the step'],
  'step.packed': ['จัดยาแล้ว', 'Packed'],
  'step.handed-to-post': ['ส่งไปรษณีย์แล้ว', 'Handed to the post'],
  'step.picked-up': ['อสม. รับยาแล้ว', 'Picked up by the volunteer'],
  'step.delivered': ['ผู้ป่วยได้รับยาแล้ว', 'Delivered to the patient'],
  'step.returned': ['ส่งคืน', 'Returned'],
  'step.dispensed': ['จ่ายยาแล้ว รอส่ง', 'Dispensed, awaiting delivery'],
  'channel.hospital-pharmacy': ['ห้องยาโรงพยาบาล', 'Hospital pharmacy'],
  'channel.drugstore': ['ร้านยาคู่ความร่วมมือ', 'Partner drugstore'],
  'channel.health-centre': ['รพ.สต.', 'Health centre (รพ.สต.)'],
  'channel.post': ['ส่งทางไปรษณีย์', 'By post'],
  'channel.volunteer': ['อสม. นำส่ง', 'Village health volunteer (อสม.)'],
} as const;

export type PharmacyTextKey = keyof typeof TEXT;

/** Pharmacy text in the interface language. */
@Injectable({ providedIn: 'root' })
export class PharmacyText {
  readonly #i18n = inject(I18n);

  public t(key: PharmacyTextKey, params?: Readonly<Record<string, string | number>>): string {
    const text: string = TEXT[key][this.#i18n.lang() === 'th' ? 0 : 1];
    return params === undefined ? text : text.replace(/\{(\w+)\}/g, (m, name: string) => (params[name] !== undefined ? String(params[name]) : m));
  }

  public channel(channel: Channel): string {
    return this.t(`channel.${channel}`);
  }
}
