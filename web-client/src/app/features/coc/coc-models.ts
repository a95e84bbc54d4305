/** Types of the COC API (gateway /api/coc), as the client uses them. */

export type AdlGroup = 'socially-active' | 'homebound' | 'bedridden';
export type TeamRole = 'volunteer' | 'officer' | 'familyDoctor';

/** The 10 Barthel ADL items with their maximum scores (Thai 20-point form), in the form's order. */
export const BARTHEL_ITEMS: readonly { key: BarthelKey; max: number; th: string; en: string }[] = [
  { key: 'feeding', max: 2, th: 'การรับประทานอาหาร', en: 'Feeding' },
  { key: 'grooming', max: 1, th: 'การล้างหน้า หวีผม แปรงฟัน', en: 'Grooming' },
  { key: 'transfer', max: 3, th: 'การลุกนั่งจากที่นอน/เตียงไปเก้าอี้', en: 'Transfer bed–chair' },
  { key: 'toiletUse', max: 2, th: 'การใช้ห้องน้ำ', en: 'Toilet use' },
  { key: 'mobility', max: 3, th: 'การเคลื่อนที่ภายในบ้าน', en: 'Mobility indoors' },
  { key: 'dressing', max: 2, th: 'การสวมใส่เสื้อผ้า', en: 'Dressing' },
  { key: 'stairs', max: 2, th: 'การขึ้นลงบันได 1 ชั้น', en: 'Stairs' },
  { key: 'bathing', max: 1, th: 'การอาบน้ำ', en: 'Bathing' },
  { key: 'bowels', max: 2, th: 'การกลั้นอุจจาระ', en: 'Bowels' },
  { key: 'bladder', max: 2, th: 'การกลั้นปัสสาวะ', en: 'Bladder' },
];
export type BarthelKey = 'feeding' | 'grooming' | 'transfer' | 'toiletUse' | 'mobility' | 'dressing' | 'stairs' | 'bathing' | 'bowels' | 'bladder';
export type Barthel = Record<BarthelKey, number>;

/** ≥ 12 socially active (ติดสังคม), 5–11 homebound (ติดบ้าน), 0–4 bedridden (ติดเตียง). */
export function adlGroupOf(score: number): AdlGroup {
  if (score >= 12) return 'socially-active';
  if (score >= 5) return 'homebound';
  return 'bedridden';
}

export function barthelTotal(items: Partial<Barthel>): number {
  return BARTHEL_ITEMS.reduce((sum, item) => sum + (items[item.key] ?? 0), 0);
}

/** What the volunteer or officer fills in at the patient's home. */
export interface VisitForm {
  readonly visitId: string;
  readonly caseId: string;
  readonly visitedOn: string;
  readonly details: {
    readonly attendees: readonly string[];
    readonly adl?: Barthel;
    readonly vitals?: Partial<Record<'heartRate' | 'systolic' | 'diastolic' | 'spo2' | 'respiratoryRate' | 'temperature', number>>;
    readonly problems?: string;
    readonly careGiven: string;
    readonly nextStep?: string;
  };
}

/** A visit due for a team member. */
export interface DueItem {
  readonly caseId: string;
  readonly patientPseudonym: string;
  readonly healthCentreHcode: string;
  readonly adlGroup: AdlGroup;
  readonly teamRole: TeamRole;
  readonly username: string;
  readonly intervalDays: number;
  readonly lastVisitOn: string | null;
  readonly dueOn: string;
  readonly status: 'overdue' | 'due' | 'upcoming';
  readonly daysOverdue: number;
}

export interface DueList {
  readonly asOf: string;
  readonly scheduleVersion: string | null;
  readonly items: readonly DueItem[];
  readonly overdue: number;
}

/** A visit as the ledger shows it (public part). */
export interface LedgerVisit {
  readonly id: string;
  readonly caseId: string;
  readonly visitedOn: string;
  readonly status: 'recorded' | 'countersigned';
  readonly adl: { score: number; group: AdlGroup } | null;
  readonly detailsHash: string;
  readonly author: { username: string; teamRole: TeamRole | null; at: string };
  readonly countersign?: { username: string; teamRole: TeamRole | null; at: string; note: string };
}
