/** Demo users of the README (password Referral#2026), one per journey, for a quick start. */
export const DEMO_USERS: readonly { username: string; th: string; en: string }[] = [
  { username: 'clinician.bangkhla', th: 'แพทย์ รพ.บางคล้า (ส่งต่อ)', en: 'Clinician, Bang Khla Hospital (refers)' },
  { username: 'nurse.buddhasothorn', th: 'พยาบาล รพ.พุทธโสธร (รับส่งต่อ)', en: 'Nurse, Buddhasothorn Hospital (receives)' },
  { username: 'clinician.buddhasothorn', th: 'แพทย์ รพ.พุทธโสธร (ส่งกลับ)', en: 'Clinician, Buddhasothorn Hospital (back-refers)' },
  { username: 'nurse.03998', th: 'พยาบาล รพ.สต. 03998 (อ.บางคล้า)', en: 'Nurse, health centre 03998 (Bang Khla)' },
  { username: 'pharmacist.buddhasothorn', th: 'เภสัชกร รพ.พุทธโสธร (จ่ายยาต่อเนื่อง)', en: 'Pharmacist, Buddhasothorn Hospital (refills)' },
  { username: 'pharmacist.bangkhla', th: 'เภสัชกร รพ.บางคล้า (จ่ายยาต่อเนื่อง)', en: 'Pharmacist, Bang Khla Hospital (refills)' },
  { username: 'dispatcher.1669', th: 'ผู้สั่งการ 1669 (ศูนย์ รพ.พุทธโสธร)', en: '1669 dispatcher (Buddhasothorn hub)' },
  { username: 'crew.bsh-als-1', th: 'ทีมกู้ชีพ ALS รพ.พุทธโสธร', en: 'Ambulance crew, ALS unit BSH-ALS-1' },
  { username: 'er.buddhasothorn', th: 'แพทย์ห้องฉุกเฉิน รพ.พุทธโสธร', en: 'ER physician, Buddhasothorn Hospital' },
  { username: 'director.ems', th: 'แพทย์อำนวยการ (สั่งการออนไลน์)', en: 'EMS medical director (online control)' },
  { username: 'auditor.pho', th: 'ผู้ตรวจสอบ สสจ.ฉะเชิงเทรา', en: 'Auditor, Provincial Health Office' },
];
