import codesData from './ems-codes-data.json';

/** A code list of the generated copy, checked once at load. */
function codeList(key: 'colours' | 'levels'): readonly string[] {
    const codes: unknown = codesData[key];
    if (!Array.isArray(codes) || codes.length === 0 || !codes.every((c) => typeof c === 'string' && c.length > 0)) {
        throw new Error(`ems-codes-data.json: ${key} must be a non-empty list of codes`);
    }
    return Object.freeze([...(codes as string[])]);
}

/**
 * Triage colours of the 1669 system, from fixtures/ems/dispatch-criteria.json (`colours`), copied at build time by
 * scripts/copy-ems-codes.mjs into ems-codes-data.json (ems-codes.spec.ts fails when the copy is stale).
 */
export const EMS_COLOURS = codeList('colours');
export type EmsColour = string;

/** Unit levels, from the same fixture (`levels`). */
export const EMS_LEVELS = codeList('levels');
export type EmsLevel = string;

/** Milestones recorded with RecordMilestone, in mission order; `stood-down` ends a case without transport. */
export const EMS_MILESTONES = ['dispatched', 'departed', 'on-scene', 'left-scene', 'at-hospital', 'stood-down'] as const;
export type EmsMilestone = (typeof EMS_MILESTONES)[number];

/** Status of a case on the ledger: the last milestone, or a hand-over state. */
export type EmsCaseStatus = 'call-received' | EmsMilestone | 'handover-signed' | 'handed-over';

/** What each milestone may follow. */
export const MILESTONE_AFTER: Readonly<Record<EmsMilestone, readonly EmsCaseStatus[]>> = {
    dispatched: ['call-received'],
    departed: ['dispatched'],
    'on-scene': ['departed'],
    'left-scene': ['on-scene'],
    'at-hospital': ['left-scene'],
    'stood-down': ['dispatched', 'departed', 'on-scene'],
};

/** Who signed one step: from the certificate only. */
export interface EmsSigner {
    readonly by: string;
    readonly role: string;
    readonly mspId: string;
    readonly hcode: string | undefined;
    readonly txId: string;
    readonly at: string;
}

/** One signed milestone. */
export interface EmsStep extends EmsSigner {
    readonly milestone: 'call-received' | EmsMilestone | 'handover-crew-signed' | 'handed-over';
    readonly note?: string;
}

/** The public EMS case: codes, pseudonym and signed steps; never a name, phone, address or national ID. */
export interface EmsCase {
    readonly docType: 'ems-case';
    readonly caseId: string;
    readonly colour: EmsColour;
    readonly criteriaVersion: string;
    readonly complaintCode: string;
    readonly patientPseudonym?: string;
    readonly hubMsp: string;
    readonly hubHcode: string;
    status: EmsCaseStatus;
    unitId?: string;
    unitHcode?: string;
    unitMsp?: string;
    unitLevel?: EmsLevel;
    destinationHcode?: string;
    destinationMsp?: string;
    handover?: { crew?: EmsSigner; receiver?: EmsSigner };
    steps: EmsStep[];
    /** Clinical notes: the text is in the private collection of the crew's organisation and the receiving hospital; here only its SHA-256 and signer. */
    notes?: (EmsSigner & { readonly noteId: string; readonly sha256: string })[];
    readonly createdAt: string;
    updatedAt: string;
}

/** Narrows a stored value. */
export function isEmsCase(value: unknown): value is EmsCase {
    if (typeof value !== 'object' || value === null) {
        return false;
    }
    const v = value as Record<string, unknown>;
    return v.docType === 'ems-case' && typeof v.caseId === 'string' && typeof v.status === 'string' && Array.isArray(v.steps);
}
