import { Injectable, inject } from '@angular/core';
import { I18n } from '../../core/i18n/i18n';

/** Text of the EMS pages, Thai first (kept with the feature). */
const TEXT = {
  'console.title': ['ศูนย์สั่งการ 1669', '1669 dispatch console'],
  'crew.title': ['หน่วยปฏิบัติการ', 'Ambulance crew'],
  'er.title': ['ห้องฉุกเฉิน: ผู้ป่วยกำลังมา', 'ER: incoming patients'],
  'intake.title': ['รับแจ้งเหตุ', 'New call'],
  'intake.caller': ['หมายเลขผู้แจ้ง', 'Caller number'],
  'intake.location': ['สถานที่เกิดเหตุ', 'Location'],
  'intake.mapMode': ['คลิกบนแผนที่', 'Click on the map'],
  'intake.tambonMode': ['ตำบลและจุดสังเกต', 'Tambon and landmark'],
  'intake.tambon': ['ตำบล (ภาษาอังกฤษ)', 'Tambon (English name)'],
  'intake.district': ['อำเภอ (ถ้าชื่อตำบลซ้ำ)', 'District (if the tambon name repeats)'],
  'intake.landmark': ['จุดสังเกต', 'Landmark'],
  'intake.clicked': ['ตำแหน่งที่เลือก', 'Chosen point'],
  'intake.noPoint': ['ยังไม่ได้เลือกตำแหน่ง: คลิกบนแผนที่', 'No point yet: click on the map'],
  'intake.complaint': ['อาการสำคัญ', 'Chief complaint'],
  'intake.questions': ['คำถามคัดแยก', 'Dispatch questions'],
  'intake.yes': ['ใช่', 'Yes'],
  'intake.no': ['ไม่ใช่', 'No'],
  'intake.unknown': ['ไม่ทราบ', 'Unknown'],
  'intake.submit': ['บันทึกและคัดแยก', 'Record and triage'],
  'triage.colour': ['ระดับความรุนแรง', 'Triage colour'],
  'triage.criteria': ['เกณฑ์', 'Criteria'],
  'triage.unverified': ['ยังไม่ได้ตรวจสอบกับแหล่งอ้างอิง', 'not verified against the source'],
  'firstAid.title': ['คำแนะนำปฐมพยาบาล (อ่านให้ผู้แจ้งฟัง)', 'First-aid advice (read to the caller)'],
  'firstAid.sms': ['ส่ง SMS', 'Send by SMS'],
  'firstAid.sent': ['ส่ง SMS แล้ว', 'SMS sent'],
  'units.recommended': ['หน่วยที่แนะนำ (ใกล้ที่สุดก่อน)', 'Recommended units (nearest first)'],
  'units.all': ['หน่วยปฏิบัติการทั้งหมด', 'All units'],
  'units.unit': ['หน่วย', 'Unit'],
  'units.level': ['ระดับ', 'Level'],
  'units.status': ['สถานะ', 'Status'],
  'units.eta': ['เวลาถึงโดยประมาณ (นาที)', 'ETA (min)'],
  'units.km': ['ระยะทาง (กม.)', 'Road km'],
  'units.dispatch': ['สั่งออกปฏิบัติการ', 'Dispatch'],
  'units.none': ['ไม่มีหน่วยว่างในระดับที่ต้องการ', 'No available unit of the needed level'],
  'units.standDown': ['ยกเลิกภารกิจ', 'Stand down'],
  'cases.open': ['เหตุที่ยังไม่ปิด', 'Open cases'],
  'cases.none': ['ไม่มีเหตุ', 'No cases'],
  'live.connected': ['เชื่อมต่อข้อมูลสดแล้ว', 'Live data connected'],
  'live.reconnecting': ['กำลังเชื่อมต่อข้อมูลสดใหม่…', 'Reconnecting live data…'],
  'map.label': ['แผนที่หน่วยปฏิบัติการสด', 'Live unit map'],
  'crew.unit': ['หน่วยของฉัน', 'My unit'],
  'crew.noCase': ['ยังไม่มีภารกิจ', 'No mission yet'],
  'crew.next': ['สถานะถัดไป', 'Next status'],
  'crew.destination': ['โรงพยาบาลปลายทาง', 'Receiving hospital'],
  'crew.vitals': ['ส่งสัญญาณชีพ', 'Send vital signs'],
  'crew.simulate': ['จำลองอุปกรณ์ (1 ครั้ง/วินาที)', 'Simulate the devices (1 Hz)'],
  'crew.stopSimulate': ['หยุดจำลอง', 'Stop the simulation'],
  'crew.send': ['ส่ง', 'Send'],
  'crew.handover': ['ลงนามส่งมอบผู้ป่วย', 'Sign the hand-over'],
  'er.accept': ['ลงนามรับผู้ป่วย', 'Receive the patient (co-sign)'],
  'er.waitingCrew': ['รอทีมกู้ชีพลงนามส่งมอบ', 'Waiting for the crew to sign'],
  'er.disposition': ['ผลการรักษาที่ห้องฉุกเฉิน', 'ER disposition'],
  'er.outcome': ['ผลลัพธ์ 24 ชั่วโมง/จำหน่าย', '24-hour / discharge outcome'],
  'er.save': ['บันทึก', 'Save'],
  'er.none': ['ยังไม่มีผู้ป่วยกำลังมา', 'No incoming patient'],
  'er.alarm': ['สัญญาณเตือน', 'Alarm'],
  'er.implausible': ['ค่าผิดปกติ (ตรวจอุปกรณ์)', 'Implausible (check the device)'],
  'chat.title': ['ปรึกษาแพทย์ออนไลน์', 'Teleconsultation'],
  'chat.message': ['ข้อความ', 'Message'],
  'chat.send': ['ส่งข้อความ', 'Send'],
  'video.start': ['เริ่มวิดีโอคอล', 'Start a video call'],
  'video.answer': ['รับสาย', 'Answer'],
  'video.hangup': ['วางสาย', 'Hang up'],
  'video.idle': ['ยังไม่มีการโทร', 'No call'],
  'video.calling': ['กำลังโทร…', 'Calling…'],
  'video.ringing': ['มีสายเรียกเข้า', 'Incoming call'],
  'video.connecting': ['กำลังเชื่อมต่อ…', 'Connecting…'],
  'video.connected': ['เชื่อมต่อแล้ว', 'Connected'],
  'video.remote': ['วิดีโอคู่สนทนา', 'Remote video'],
  'video.local': ['วิดีโอของฉัน', 'My video'],
  'chart.label': ['แนวโน้มสัญญาณชีพ', 'Vital-sign trend'],
  'status.available': ['ว่าง', 'Available'],
  'status.dispatched': ['สั่งการแล้ว', 'Dispatched'],
  'status.en-route': ['กำลังเดินทาง', 'En route'],
  'status.on-scene': ['ถึงที่เกิดเหตุ', 'On scene'],
  'status.transporting': ['กำลังนำส่ง', 'Transporting'],
  'status.at-hospital': ['ถึงโรงพยาบาล', 'At hospital'],
  'status.open': ['รอสั่งการ', 'Waiting for a unit'],
  'status.handed-over': ['ส่งมอบแล้ว', 'Handed over'],
  'status.closed': ['ปิด', 'Closed'],
} as const satisfies Record<string, readonly [string, string]>;

export type EmsTextKey = keyof typeof TEXT;

/** EMS page text in the current language. */
@Injectable({ providedIn: 'root' })
export class EmsText {
  readonly #i18n = inject(I18n);

  public t(key: EmsTextKey): string {
    return TEXT[key][this.#i18n.lang() === 'th' ? 0 : 1];
  }

  /** A status label (unit or case), falling back to the code. */
  public status(code: string): string {
    const key = `status.${code}` as EmsTextKey;
    return key in TEXT ? this.t(key) : code;
  }
}

/** Colours of the 1669 triage, as CSS colours with enough contrast for the text on them. */
export const COLOUR_STYLE: Readonly<Record<string, { bg: string; fg: string }>> = {
  red: { bg: '#b3261e', fg: '#fff' },
  yellow: { bg: '#f2c200', fg: '#1b2430' },
  green: { bg: '#1b7f3b', fg: '#fff' },
  white: { bg: '#ffffff', fg: '#1b2430' },
};
