import type { Role } from '../access/actor';
import type { AdlGroup, BarthelAssessment } from './barthel';

/** `docType` of COC case records. */
export const COC_CASE_DOC_TYPE = 'coc-case';
/** `docType` of COC home-visit records. */
export const COC_VISIT_DOC_TYPE = 'coc-visit';

/** The three members of the 3-doctor team (ทีมหมอครอบครัว 3 หมอ). */
export const TEAM_ROLES = ['volunteer', 'officer', 'familyDoctor'] as const;
/** One of {@link TEAM_ROLES}. */
export type TeamRole = (typeof TEAM_ROLES)[number];

/** A team member: the staff username (certificate CN) and the unit they act for. */
export interface TeamMember {
    readonly username: string;
    readonly hcode: string;
}

/** The case's team: อสม., รพ.สต. officer, family doctor. */
export type CocTeam = Readonly<Record<TeamRole, TeamMember>>;

/** An ADL assessment on the channel: total, group, items, when and by whom. */
export interface CaseAdl {
    readonly score: number;
    readonly group: AdlGroup;
    readonly items: BarthelAssessment;
    /** Date of the assessment (YYYY-MM-DD, Thailand). */
    readonly assessedOn: string;
    readonly assessedBy: string;
}

/** Who signed something, from their certificate, and in which transaction. */
export interface Signer {
    readonly username: string;
    readonly role: Role;
    readonly teamRole: TeamRole | null;
    readonly hcode: string;
    readonly mspId: string;
    readonly txId: string;
    readonly at: string;
}

/** Actions recorded on a case. */
export type CaseAction = 'open' | 'update' | 'link-referral' | 'visit' | 'close';

/** One audited change of a case. */
export interface CaseStep extends Signer {
    readonly action: CaseAction;
    readonly note?: string;
}

/** Case statuses. */
export type CaseStatus = 'open' | 'closed';

/**
 * A continuity-of-care case (public part). No name, address or contact: those
 * and the care plan are in the district organisation's implicit private
 * collection, with their hash here.
 */
export interface CocCase {
    readonly docType: typeof COC_CASE_DOC_TYPE;
    readonly id: string;
    readonly patientPseudonym: string;
    readonly healthCentreHcode: string;
    readonly districtHcode: string;
    readonly districtMsp: string;
    /** Organisations that hold the private details: the district org, plus the referring hospital's. */
    readonly sharedWithMsps: readonly string[];
    readonly status: CaseStatus;
    /** The latest ADL assessment. */
    readonly adl: CaseAdl;
    /** The assessment at opening (for the "ADL improved" indicator). */
    readonly baselineAdl: { readonly score: number; readonly group: AdlGroup };
    readonly team: CocTeam;
    /** SHA-256 of the private case details (address, contact, care plan), salted by the case id. */
    readonly detailsHash: string;
    readonly referralIds: readonly string[];
    readonly openedAt: string;
    /** Date of opening in Thailand (YYYY-MM-DD, UTC+7). */
    readonly openedOn: string;
    readonly updatedAt: string;
    readonly closedAt?: string;
    readonly closeReason?: string;
    readonly visitCount: number;
    /** Latest visit date (YYYY-MM-DD) per team role. */
    readonly lastVisitOn: Readonly<Partial<Record<TeamRole, string>>>;
    readonly steps: readonly CaseStep[];
}

/** Visit statuses. */
export type VisitStatus = 'recorded' | 'countersigned';

/** A home visit (public part): who signed, the ADL re-score, the hash of the private details. */
export interface CocVisit {
    readonly docType: typeof COC_VISIT_DOC_TYPE;
    readonly id: string;
    readonly caseId: string;
    readonly patientPseudonym: string;
    readonly healthCentreHcode: string;
    readonly districtHcode: string;
    readonly visitedOn: string;
    readonly adl: { readonly score: number; readonly group: AdlGroup } | null;
    /** SHA-256 of the private visit details (deterministic JSON, salted by the visit id). */
    readonly detailsHash: string;
    readonly status: VisitStatus;
    readonly author: Signer;
    readonly countersign?: Signer & { readonly note: string };
}

/** True when `value` looks like a stored case. */
export function isCocCase(value: unknown): value is CocCase {
    if (typeof value !== 'object' || value === null) return false;
    const v = value as Record<string, unknown>;
    return v.docType === COC_CASE_DOC_TYPE && typeof v.id === 'string' && typeof v.status === 'string' && typeof v.team === 'object';
}

/** True when `value` looks like a stored visit. */
export function isCocVisit(value: unknown): value is CocVisit {
    if (typeof value !== 'object' || value === null) return false;
    const v = value as Record<string, unknown>;
    return v.docType === COC_VISIT_DOC_TYPE && typeof v.id === 'string' && typeof v.caseId === 'string';
}
