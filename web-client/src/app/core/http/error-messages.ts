import type { Lang } from '../i18n/thai-date';

/**
 * Every stable error code the gateway returns (gateway-api/src/http/api-error.ts), plus the
 * client's own: NETWORK_ERROR (no answer), NOT_AVAILABLE (the server has no such endpoint yet:
 * 404 without a known code, or 501) and UNKNOWN_ERROR (anything else).
 */
export const API_ERROR_CODES = [
  'MALFORMED_JSON',
  'VALIDATION_FAILED',
  'INVALID_ARGUMENT',
  'INVALID_CID',
  'UNKNOWN_HCODE',
  'UNAUTHENTICATED',
  'INVALID_CREDENTIALS',
  'FORBIDDEN_ROLE',
  'FORBIDDEN_UNIT',
  'MISSING_ATTRIBUTE',
  'NOT_FOUND',
  'REFERRAL_NOT_FOUND',
  'CLINICAL_SUMMARY_NOT_FOUND',
  'REFERRAL_EXISTS',
  'INVALID_TRANSITION',
  'PAYLOAD_TOO_LARGE',
  'LEDGER_UNAVAILABLE',
  'PEER_UNAVAILABLE',
  'STORE_UNAVAILABLE',
  'LEDGER_CONFLICT',
  'LEDGER_CORRUPT',
  'PLAN_NOT_FOUND',
  'PLAN_EXISTS',
  'ALREADY_DISPENSED',
  'TOO_EARLY',
  'UNKNOWN_DRUG_CODE',
  'CONFIRMATION_MISMATCH',
  'INTERNAL',
  'ADL_SCORE_OUT_OF_RANGE',
  'COC_TEAM_INVALID',
  'COC_CASE_EXISTS',
  'COC_CASE_NOT_FOUND',
  'COC_CASE_CLOSED',
  'COC_VISIT_EXISTS',
  'COC_VISIT_NOT_FOUND',
  'COC_VISIT_BEFORE_CASE',
  'COC_NOT_IN_TEAM',
  'COC_SELF_COUNTERSIGN',
  'COC_ALREADY_COUNTERSIGNED',
  'COC_DETAILS_NOT_FOUND',
  // kiosk (issue 13)
  'CARD_UNKNOWN',
  'RIGHT_EXPIRED',
  'RIGHT_NOT_OPENABLE',
  'RIGHTS_AGENT_TIMEOUT',
  'RIGHTS_AGENT_ERROR',
  'VISIT_NOT_FOUND',
  'KIOSK_SESSION_NOT_FOUND',
  'NO_COPAY_RULE',
  'BILL_ALREADY_PAID',
  'PAYMENT_IN_PROGRESS',
  'PAYMENT_NOT_FOUND',
  'PAYMENT_NOT_PENDING',
  'AMOUNT_MISMATCH',
  'BAD_SIGNATURE',
  'CARD_DECLINED',
  'CLIENT_KEY_REUSED',
  'RECEIPT_NOT_FOUND',
  'RECEIPT_ALREADY_VOIDED',
  'RECEIPT_EXISTS',
  'RIGHT_EVENT_EXISTS',
  'KPI_FORBIDDEN_HOSPITAL',
  'KPI_UNKNOWN_INDICATOR',
  'KPI_SURVEY_EXISTS',
  'KPI_NOT_CHECKED_IN',
  'KPI_ALREADY_SERVED',
  'HEALTH_ID_UNAVAILABLE',
  'INVALID_STATEMENT',
  'UNKNOWN_COMPLAINT',
  'INVALID_ANSWER',
  'UNKNOWN_LOCATION',
  'UNKNOWN_EMS_UNIT',
  'EMS_CASE_NOT_FOUND',
  'EMS_CASE_EXISTS',
  'UNIT_COMMITTED',
  'UNIT_LEVEL_INSUFFICIENT',
  'HANDOVER_NOT_SIGNED',
  'TOO_MANY_ATTEMPTS',
  'HEALTH_ID_INVALID',
  'HEALTH_ID_EXPIRED',
  'OTP_INVALID',
  'OTP_EXPIRED',
  'CITIZEN_EXISTS',
  'CITIZEN_NOT_FOUND',
  'NOT_ELIGIBLE',
  'SLOT_NOT_FOUND',
  'SLOT_IN_PAST',
  'SLOT_NOT_OPEN',
  'SLOT_FULL',
  'SLOT_HAS_SEATS',
  'ALREADY_BOOKED',
  'ALREADY_WAITING',
  'SESSION_EXISTS',
  'SESSION_NOT_FOUND',
  'SESSION_HAS_BOOKINGS',
  'BOOKING_NOT_FOUND',
  'BOOKING_EXISTS',
  'BOOKING_NOT_ACTIVE',
  'NO_BOOKING_TODAY',
  'UNKNOWN_SERVICE',
  'UNKNOWN_TAMBON',
  'IDENTITY_EXISTS',
  'IDENTITY_NOT_FOUND',
  'ROLE_NOT_GRANTABLE',
  'IDENTITY_ALREADY_REVOKED',
  'IDENTITY_REVOKED',
  'IDENTITY_SUSPENDED',
  'CA_UNAVAILABLE',
  'ACCOUNT_LOCKED',
  'TOTP_REQUIRED',
  'TOTP_INVALID',
  'REFRESH_TOKEN_INVALID',
  'REFRESH_TOKEN_REUSED',
] as const;

/** A code the gateway returns. */
export type ApiErrorCode = (typeof API_ERROR_CODES)[number];

/** Codes the client itself produces. */
export const CLIENT_ERROR_CODES = ['NETWORK_ERROR', 'NOT_AVAILABLE', 'UNKNOWN_ERROR'] as const;
export type ClientErrorCode = (typeof CLIENT_ERROR_CODES)[number];

/** Thai and English text for one error. */
export interface Bilingual {
  readonly th: string;
  readonly en: string;
}

/** What the user reads for each code. */
export const ERROR_MESSAGES: Readonly<Record<ApiErrorCode | ClientErrorCode, Bilingual>> = {
  MALFORMED_JSON: { th: 'ข้อมูลที่ส่งไปมีรูปแบบไม่ถูกต้อง', en: 'The request was not valid JSON.' },
  VALIDATION_FAILED: { th: 'ข้อมูลไม่ครบหรือไม่ถูกต้อง กรุณาตรวจสอบช่องที่กรอก', en: 'Some fields are missing or not valid; please check the form.' },
  INVALID_ARGUMENT: { th: 'ค่าที่ส่งไปไม่ถูกต้องตามมาตรฐานรหัส', en: 'A value does not match the code standard.' },
  INVALID_CID: { th: 'เลขประจำตัวประชาชนไม่ถูกต้อง (ตรวจหลักสุดท้ายไม่ผ่าน)', en: 'The national ID is not valid (check digit).' },
  UNKNOWN_HCODE: { th: 'ไม่พบรหัสหน่วยบริการ (hcode) นี้ในจังหวัด', en: 'No unit with this hcode in the province.' },
  UNAUTHENTICATED: { th: 'กรุณาเข้าสู่ระบบใหม่ (หมดเวลาการใช้งาน)', en: 'Please sign in again (your session has ended).' },
  INVALID_CREDENTIALS: { th: 'ชื่อผู้ใช้หรือรหัสผ่านไม่ถูกต้อง', en: 'Wrong username or password.' },
  FORBIDDEN_ROLE: { th: 'บทบาทของคุณไม่มีสิทธิ์ทำรายการนี้', en: 'Your role may not do this.' },
  FORBIDDEN_UNIT: { th: 'หน่วยบริการของคุณไม่ใช่คู่กรณีของใบส่งตัวนี้', en: 'Your unit is not a party to this referral.' },
  MISSING_ATTRIBUTE: { th: 'บัญชีผู้ใช้ขาดข้อมูลบทบาทหรือหน่วยบริการ กรุณาติดต่อผู้ดูแลระบบ', en: 'Your account lacks a role or unit attribute; contact the administrator.' },
  NOT_FOUND: { th: 'ไม่พบข้อมูลหรือบริการที่ร้องขอ', en: 'What you asked for was not found.' },
  REFERRAL_NOT_FOUND: { th: 'ไม่พบใบส่งตัวนี้', en: 'This referral does not exist.' },
  CLINICAL_SUMMARY_NOT_FOUND: { th: 'ไม่พบสรุปข้อมูลทางคลินิกของใบส่งตัวนี้ หรือคุณไม่มีสิทธิ์อ่าน', en: 'No clinical summary for this referral, or you may not read it.' },
  REFERRAL_EXISTS: { th: 'มีใบส่งตัวเลขนี้อยู่แล้ว', en: 'A referral with this ID already exists.' },
  INVALID_TRANSITION: { th: 'ทำรายการนี้ไม่ได้ในสถานะปัจจุบันของใบส่งตัว (อาจมีผู้อื่นดำเนินการไปแล้ว)', en: 'Not allowed in the referral’s current status (someone may have acted already).' },
  PAYLOAD_TOO_LARGE: { th: 'ข้อมูลมีขนาดใหญ่เกินกำหนด', en: 'The request is too large.' },
  PEER_UNAVAILABLE: { th: 'เครื่องบล็อกเชนของโรงพยาบาลของคุณไม่พร้อมใช้งานชั่วคราว ระบบจะกลับมาเองในไม่กี่วินาที กรุณาลองใหม่', en: 'Your hospital’s ledger node is briefly unavailable; it restarts by itself, please try again in a few seconds.' },
  LEDGER_UNAVAILABLE: { th: 'เครือข่ายบล็อกเชนไม่พร้อมใช้งานชั่วคราว กรุณาลองใหม่', en: 'The ledger network is unavailable; please try again.' },
  STORE_UNAVAILABLE: { th: 'ระบบค้นหาใบส่งตัวไม่พร้อมใช้งานชั่วคราว กรุณาลองใหม่ (ข้อมูลบนบล็อกเชนยังอยู่ครบ)', en: 'The referral search store is unavailable; please try again (the ledger is unaffected).' },
  LEDGER_CONFLICT: { th: 'มีการแก้ไขพร้อมกัน กรุณาโหลดใหม่แล้วลองอีกครั้ง', en: 'A concurrent change conflicted; reload and try again.' },
  LEDGER_CORRUPT: { th: 'ข้อมูลบนบัญชีแยกประเภทเสียหายหรือไม่ตรงตามรูปแบบ กรุณาแจ้งผู้ตรวจสอบ', en: 'Ledger data is corrupt or malformed; tell an auditor.' },
  ADL_SCORE_OUT_OF_RANGE: { th: 'คะแนน ADL (Barthel) ไม่อยู่ในช่วงที่กำหนดของข้อนั้น', en: 'A Barthel ADL item is out of its range.' },
  COC_TEAM_INVALID: { th: 'ทีมหมอครอบครัวไม่ถูกต้อง: ต้องเป็น อสม. และเจ้าหน้าที่ของ รพ.สต. และแพทย์เวชศาสตร์ครอบครัวของโรงพยาบาลอำเภอ', en: 'The team is not valid: a volunteer and an officer of the health centre, and a family doctor of the district hospital.' },
  COC_CASE_EXISTS: { th: 'ผู้ป่วยรายนี้มีเคสเยี่ยมบ้านที่เปิดอยู่แล้ว', en: 'This patient already has an open home-care case.' },
  COC_CASE_NOT_FOUND: { th: 'ไม่พบเคสเยี่ยมบ้านนี้', en: 'No such home-care case.' },
  COC_CASE_CLOSED: { th: 'เคสนี้ปิดแล้ว การเยี่ยมไม่ถูกบันทึก (ข้อมูลยังเก็บไว้ในเครื่อง)', en: 'The case is closed; the visit was not recorded (it is kept on this device).' },
  COC_VISIT_EXISTS: { th: 'การเยี่ยมรหัสนี้ถูกบันทึกแล้ว', en: 'A visit with this id is already recorded.' },
  COC_VISIT_NOT_FOUND: { th: 'ไม่พบการเยี่ยมนี้', en: 'No such visit.' },
  COC_VISIT_BEFORE_CASE: { th: 'วันที่เยี่ยมอยู่ก่อนวันเปิดเคส', en: 'The visit date is before the case opened.' },
  COC_NOT_IN_TEAM: { th: 'คุณไม่ได้อยู่ในทีมดูแลผู้ป่วยรายนี้', en: 'You are not on this patient’s team.' },
  COC_SELF_COUNTERSIGN: { th: 'ผู้บันทึกการเยี่ยมรับรองการเยี่ยมของตนเองไม่ได้', en: 'The author of a visit cannot countersign it.' },
  COC_ALREADY_COUNTERSIGNED: { th: 'การเยี่ยมนี้ได้รับการรับรองแล้ว', en: 'This visit is already countersigned.' },
  COC_DETAILS_NOT_FOUND: { th: 'ไม่พบรายละเอียดส่วนบุคคลของเคสนี้ในหน่วยของคุณ', en: 'Your organisation holds no private details for this case.' },
  PLAN_NOT_FOUND: { th: 'ไม่พบแผนการจ่ายยาต่อเนื่องนี้', en: 'This refill plan does not exist.' },
  PLAN_EXISTS: { th: 'มีแผนการจ่ายยาเลขนี้อยู่แล้ว', en: 'A refill plan with this ID already exists.' },
  ALREADY_DISPENSED: { th: 'รอบนี้จ่ายยาไปแล้ว (อาจจ่ายที่หน่วยบริการอื่น) จึงจ่ายซ้ำไม่ได้', en: 'This cycle has already been dispensed (perhaps at another unit); it cannot be dispensed twice.' },
  TOO_EARLY: { th: 'ยังไม่ถึงกำหนดรับยารอบนี้ (เร็วกว่าที่เกณฑ์อนุญาต)', en: 'Too early for this refill (before the interval less the allowed tolerance).' },
  UNKNOWN_DRUG_CODE: { th: 'ไม่พบรหัสยา TMT นี้ในรายการยา', en: 'This TMT drug code is not in the drug list.' },
  CONFIRMATION_MISMATCH: { th: 'รหัสยืนยันการรับยาไม่ตรงกับที่ให้ผู้ป่วยไว้', en: 'The confirmation code does not match the one given to the patient.' },
  UNKNOWN_COMPLAINT: { th: 'ไม่รู้จักอาการสำคัญนี้ในเกณฑ์คัดแยก', en: 'Unknown chief complaint for the dispatch criteria.' },
  INVALID_ANSWER: { th: 'คำตอบคำถามคัดแยกไม่ถูกต้อง', en: 'An answer to a dispatch question is not valid.' },
  UNKNOWN_LOCATION: { th: 'ไม่พบตำแหน่งหรือตำบลนี้', en: 'Unknown location or sub-district.' },
  UNKNOWN_EMS_UNIT: { th: 'ไม่พบหน่วยปฏิบัติการนี้', en: 'No such ambulance unit.' },
  EMS_CASE_NOT_FOUND: { th: 'ไม่พบเหตุการณ์ฉุกเฉินนี้', en: 'No such emergency case.' },
  EMS_CASE_EXISTS: { th: 'เหตุการณ์นี้ถูกบันทึกแล้ว', en: 'This emergency case is already recorded.' },
  UNIT_COMMITTED: { th: 'หน่วยนี้ถูกสั่งการไปแล้ว กรุณาเลือกหน่วยอื่น', en: 'This unit is already committed; choose another.' },
  UNIT_LEVEL_INSUFFICIENT: { th: 'ระดับหน่วยต่ำกว่าที่ต้องการ ต้องระบุเหตุผล', en: 'The unit level is below what is required; give a reason.' },
  HANDOVER_NOT_SIGNED: { th: 'ทีมกู้ชีพยังไม่ได้ลงนามส่งมอบผู้ป่วย', en: 'The crew has not signed the hand-over yet.' },
  TOO_MANY_ATTEMPTS: { th: 'พยายามหลายครั้งเกินไป กรุณารอสักครู่แล้วลองใหม่', en: 'Too many attempts; wait a moment and try again.' },
  HEALTH_ID_INVALID: { th: 'Health ID ไม่ถูกต้อง', en: 'The Health ID is not valid.' },
  HEALTH_ID_EXPIRED: { th: 'Health ID หมดอายุ กรุณาเปิดใหม่ในแอป', en: 'The Health ID has expired; open it again in the app.' },
  OTP_INVALID: { th: 'รหัส OTP ไม่ถูกต้อง', en: 'The one-time code is wrong.' },
  OTP_EXPIRED: { th: 'รหัส OTP หมดอายุ กรุณาขอรหัสใหม่', en: 'The one-time code has expired; ask for a new one.' },
  CITIZEN_EXISTS: { th: 'มีบัญชีของผู้ใช้นี้แล้ว', en: 'An account for this person already exists.' },
  CITIZEN_NOT_FOUND: { th: 'ไม่พบบัญชีผู้ใช้', en: 'No such citizen account.' },
  NOT_ELIGIBLE: { th: 'สิทธิ์ของคุณไม่ครอบคลุมบริการนี้', en: 'You are not eligible for this service.' },
  SLOT_NOT_FOUND: { th: 'ไม่พบช่วงเวลานี้', en: 'No such time slot.' },
  SLOT_IN_PAST: { th: 'ช่วงเวลานี้ผ่านไปแล้ว', en: 'This time slot is in the past.' },
  SLOT_NOT_OPEN: { th: 'ยังไม่เปิดให้จองช่วงเวลานี้', en: 'This time slot is not open for booking yet.' },
  SLOT_FULL: { th: 'ช่วงเวลานี้เต็มแล้ว เลือกเวลาอื่นหรือเข้าคิวรอ', en: 'This time slot is full; choose another or join the waiting list.' },
  SLOT_HAS_SEATS: { th: 'ยังมีที่ว่าง จองได้เลยโดยไม่ต้องรอคิว', en: 'There are still seats; book directly.' },
  ALREADY_BOOKED: { th: 'คุณจองช่วงเวลานี้ไว้แล้ว', en: 'You have already booked this slot.' },
  ALREADY_WAITING: { th: 'คุณอยู่ในคิวรอของช่วงเวลานี้แล้ว', en: 'You are already on the waiting list for this slot.' },
  SESSION_EXISTS: { th: 'หน่วยบริการเปิดรอบบริการนี้ในวันและเวลานี้แล้ว', en: 'The unit already offers this service at that date and time.' },
  SESSION_NOT_FOUND: { th: 'ไม่พบรอบบริการนี้', en: 'No such published session.' },
  SESSION_HAS_BOOKINGS: { th: 'มีผู้จองรอบบริการนี้แล้ว ยกเลิกไม่ได้', en: 'Citizens have booked this session; it cannot be withdrawn.' },
  BOOKING_NOT_FOUND: { th: 'ไม่พบการจองนี้', en: 'No such booking.' },
  BOOKING_EXISTS: { th: 'การจองนี้ถูกบันทึกแล้ว', en: 'This booking is already recorded.' },
  BOOKING_NOT_ACTIVE: { th: 'การจองนี้ถูกยกเลิกหรือใช้ไปแล้ว', en: 'This booking is cancelled or already used.' },
  NO_BOOKING_TODAY: { th: 'ไม่มีการจองของวันนี้', en: 'No booking for today.' },
  UNKNOWN_SERVICE: { th: 'ไม่รู้จักบริการนี้', en: 'Unknown service.' },
  UNKNOWN_TAMBON: { th: 'ไม่รู้จักตำบลนี้', en: 'Unknown sub-district.' },
  IDENTITY_EXISTS: { th: 'ชื่อผู้ใช้นี้มีอยู่แล้ว', en: 'This username is already taken.' },
  IDENTITY_NOT_FOUND: { th: 'ไม่พบบุคลากรผู้นี้', en: 'No such staff identity.' },
  ROLE_NOT_GRANTABLE: { th: 'ผู้ดูแลระบบของหน่วยงานนี้ไม่สามารถมอบบทบาทนี้ได้', en: 'An administrator of this organisation may not grant this role.' },
  IDENTITY_ALREADY_REVOKED: { th: 'ตัวตนนี้ถูกเพิกถอนไปแล้ว', en: 'This identity has already been revoked.' },
  IDENTITY_REVOKED: { th: 'ตัวตนของท่านถูกเพิกถอนแล้ว กรุณาติดต่อผู้ดูแลระบบของโรงพยาบาล', en: 'Your identity has been revoked; contact your hospital administrator.' },
  IDENTITY_SUSPENDED: { th: 'บัญชีของท่านถูกระงับชั่วคราว กรุณาติดต่อผู้ดูแลระบบของโรงพยาบาล', en: 'Your account is suspended; contact your hospital administrator.' },
  CA_UNAVAILABLE: { th: 'ระบบออกใบรับรองของหน่วยงานไม่พร้อมใช้งาน กรุณาลองใหม่', en: 'The certificate authority of the organisation is unavailable; try again.' },
  ACCOUNT_LOCKED: { th: 'บัญชีถูกล็อกชั่วคราวเนื่องจากเข้าสู่ระบบผิดหลายครั้ง กรุณารอแล้วลองใหม่', en: 'Too many failed logins: the account is locked for a while; try again later.' },
  TOTP_REQUIRED: { th: 'กรุณากรอกรหัสยืนยันตัวตน 6 หลักจากแอปยืนยันตัวตน', en: 'Enter the 6-digit code from your authenticator app.' },
  TOTP_INVALID: { th: 'รหัสยืนยันตัวตนไม่ถูกต้อง', en: 'The authenticator code is wrong.' },
  REFRESH_TOKEN_INVALID: { th: 'เซสชันหมดอายุ กรุณาเข้าสู่ระบบใหม่', en: 'Your session has ended; please log in again.' },
  REFRESH_TOKEN_REUSED: { th: 'ตรวจพบการใช้เซสชันซ้ำ เพื่อความปลอดภัยกรุณาเข้าสู่ระบบใหม่', en: 'A session token was reused; for safety, please log in again.' },
  INTERNAL: { th: 'เกิดข้อผิดพลาดภายในระบบ', en: 'Internal server error.' },
  CARD_UNKNOWN: { th: 'อ่านบัตรไม่ได้ หรือไม่พบบัตรนี้ในระบบ สปสช. กรุณาเรียกเจ้าหน้าที่', en: 'The card could not be read or is unknown to the NHSO agent; please call staff.' },
  RIGHT_EXPIRED: { th: 'สิทธิการรักษาหมดอายุ ท่านสามารถชำระเงินเองได้', en: 'The treatment right has expired; you may pay yourself.' },
  RIGHT_NOT_OPENABLE: { th: 'สิทธินี้เปิดที่ตู้ไม่ได้ กรุณาชำระเงินเองหรือเรียกเจ้าหน้าที่', en: 'This right cannot be opened at the kiosk; pay yourself or call staff.' },
  RIGHTS_AGENT_TIMEOUT: { th: 'ระบบตรวจสอบสิทธิไม่ตอบสนอง กรุณาลองใหม่หรือเรียกเจ้าหน้าที่', en: 'The rights service did not answer; try again or call staff.' },
  RIGHTS_AGENT_ERROR: { th: 'ระบบตรวจสอบสิทธิขัดข้อง กรุณาเรียกเจ้าหน้าที่', en: 'The rights service failed; please call staff.' },
  VISIT_NOT_FOUND: { th: 'ไม่พบการมารับบริการวันนี้ กรุณาติดต่อจุดลงทะเบียน', en: 'No visit today; please go to registration.' },
  KIOSK_SESSION_NOT_FOUND: { th: 'ไม่พบรายการที่ตู้นี้ กรุณาเริ่มใหม่', en: 'This kiosk session no longer exists; please start over.' },
  NO_COPAY_RULE: { th: 'ยังไม่มีอัตราร่วมจ่ายสำหรับสิทธินี้ กรุณาเรียกเจ้าหน้าที่', en: 'No co-payment rule for this right; please call staff.' },
  BILL_ALREADY_PAID: { th: 'รายการนี้ชำระเงินแล้ว', en: 'This bill is already paid.' },
  PAYMENT_IN_PROGRESS: { th: 'มีการชำระเงินรายการนี้ค้างอยู่', en: 'A payment of this bill is already in progress.' },
  PAYMENT_NOT_FOUND: { th: 'ไม่พบรายการชำระเงิน', en: 'Payment not found.' },
  PAYMENT_NOT_PENDING: { th: 'รายการชำระเงินนี้ไม่ได้รอการยืนยันแล้ว', en: 'This payment is no longer waiting for confirmation.' },
  AMOUNT_MISMATCH: { th: 'ยอดเงินที่ธนาคารแจ้งไม่ตรงกับยอดที่ต้องชำระ', en: 'The amount confirmed by the bank does not match the bill.' },
  BAD_SIGNATURE: { th: 'การยืนยันจากธนาคารมีลายมือชื่อไม่ถูกต้อง', en: 'The bank confirmation has a bad signature.' },
  CARD_DECLINED: { th: 'บัตรถูกปฏิเสธ กรุณาใช้บัตรอื่นหรือพร้อมเพย์', en: 'The card was declined; try another card or PromptPay.' },
  CLIENT_KEY_REUSED: { th: 'รหัสการชำระนี้ใช้กับรายการอื่นแล้ว', en: 'This payment key belongs to another payment.' },
  RECEIPT_NOT_FOUND: { th: 'ไม่พบใบเสร็จเลขที่นี้', en: 'No receipt with this number.' },
  RECEIPT_ALREADY_VOIDED: { th: 'ใบเสร็จนี้ถูกยกเลิกแล้ว', en: 'This receipt is already voided.' },
  RECEIPT_EXISTS: { th: 'เลขที่ใบเสร็จนี้ถูกบันทึกบนบล็อกเชนแล้ว', en: 'This receipt number is already anchored on the ledger.' },
  RIGHT_EVENT_EXISTS: { th: 'บันทึกการเปิด/ปิดสิทธินี้มีอยู่แล้ว', en: 'This right event is already recorded.' },
  KPI_FORBIDDEN_HOSPITAL: { th: 'คุณดูตัวชี้วัดได้เฉพาะของโรงพยาบาลของคุณ', en: 'You may see the indicators of your own hospital only.' },
  KPI_UNKNOWN_INDICATOR: { th: 'ไม่พบตัวชี้วัดนี้', en: 'No such indicator.' },
  KPI_SURVEY_EXISTS: { th: 'คุณตอบแบบสำรวจนี้แล้ว ขอบคุณค่ะ', en: 'You have already answered this survey. Thank you.' },
  KPI_NOT_CHECKED_IN: { th: 'การจองนี้ยังไม่ได้ลงทะเบียนมาถึง (check-in)', en: 'This booking has not been checked in.' },
  KPI_ALREADY_SERVED: { th: 'บันทึกเวลาเริ่มให้บริการของการจองนี้แล้ว', en: 'The service start of this booking is already recorded.' },
  HEALTH_ID_UNAVAILABLE: { th: 'ตู้นี้อ่าน QR Health ID ไม่ได้ กรุณาเสียบบัตรประชาชน', en: 'This kiosk cannot read Health ID QR codes; insert your ID card.' },
  INVALID_STATEMENT: { th: 'อ่านไฟล์รายการเดินบัญชีธนาคารไม่ได้ กรุณาตรวจสอบรูปแบบไฟล์', en: 'The bank statement file could not be read; check its format.' },
  NETWORK_ERROR: { th: 'ติดต่อเซิร์ฟเวอร์ไม่ได้ กรุณาตรวจสอบการเชื่อมต่อ', en: 'Cannot reach the server; check the connection.' },
  NOT_AVAILABLE: { th: 'บริการนี้ยังไม่เปิดใช้งานบนเซิร์ฟเวอร์', en: 'This service is not available on the server yet.' },
  UNKNOWN_ERROR: { th: 'เกิดข้อผิดพลาดที่ไม่ทราบสาเหตุ', en: 'An unexpected error occurred.' },
};

/** A problem the user should read: the stable code, the API's own message and details. */
export interface ApiProblem {
  readonly code: string;
  readonly status: number;
  readonly serverMessage?: string;
  readonly details?: unknown;
}

/** True when `code` has a Thai/English message. */
export function isKnownErrorCode(code: string): code is ApiErrorCode | ClientErrorCode {
  return Object.prototype.hasOwnProperty.call(ERROR_MESSAGES, code);
}

/** The message for a code in the chosen language; unknown codes read as UNKNOWN_ERROR plus the code. */
export function errorMessage(code: string, lang: Lang): string {
  if (isKnownErrorCode(code)) return ERROR_MESSAGES[code][lang];
  return `${ERROR_MESSAGES.UNKNOWN_ERROR[lang]} (${code})`;
}

/**
 * Turns an HTTP status and body (as received, unknown) into an ApiProblem.
 * `{ error: { code, message, details } }` is the gateway's envelope; status 0 is no answer;
 * a 404 whose body is not the envelope, a 404 "no route" and 501 mean the endpoint is not there.
 */
export function toApiProblem(status: number, body: unknown): ApiProblem {
  if (status === 0) return { code: 'NETWORK_ERROR', status };
  const envelope = readEnvelope(body);
  if (status === 501) return { code: 'NOT_AVAILABLE', status, serverMessage: envelope?.message };
  if (status === 404 && (envelope === undefined || (envelope.code === 'NOT_FOUND' && /no route/i.test(envelope.message ?? '')))) {
    return { code: 'NOT_AVAILABLE', status, serverMessage: envelope?.message };
  }
  if (envelope !== undefined) return { code: envelope.code, status, serverMessage: envelope.message, details: envelope.details };
  return { code: status >= 500 ? 'INTERNAL' : 'UNKNOWN_ERROR', status };
}

function readEnvelope(body: unknown): { code: string; message?: string; details?: unknown } | undefined {
  if (typeof body === 'string') {
    try {
      return readEnvelope(JSON.parse(body) as unknown);
    } catch {
      return undefined;
    }
  }
  if (typeof body !== 'object' || body === null) return undefined;
  const error = (body as { error?: unknown }).error;
  if (typeof error !== 'object' || error === null) return undefined;
  const { code, message, details } = error as { code?: unknown; message?: unknown; details?: unknown };
  if (typeof code !== 'string') return undefined;
  return { code, message: typeof message === 'string' ? message : undefined, details };
}

/** Field-level problems from a VALIDATION_FAILED `details` (zod issues: `{ path, message }[]`), as "path: message". */
export function validationDetails(details: unknown): string[] {
  const list = Array.isArray(details) ? details : (details as { issues?: unknown } | null)?.issues;
  if (!Array.isArray(list)) return [];
  return list.flatMap((issue: unknown) => {
    if (typeof issue !== 'object' || issue === null) return [];
    const { path, message } = issue as { path?: unknown; message?: unknown };
    const where = Array.isArray(path) ? path.join('.') : typeof path === 'string' ? path : '';
    return typeof message === 'string' ? [where ? `${where}: ${message}` : message] : [];
  });
}
