/** Kinds of unit in the provincial network. */
export const UNIT_TYPES = ['hospital', 'health-centre', 'provincial-office'] as const;

/** One of {@link UNIT_TYPES}. */
export type UnitType = (typeof UNIT_TYPES)[number];

/** A registered unit: its 5-digit hcode and the Fabric organisation that acts for it. */
export interface Unit {
    readonly hcode: string;
    readonly type: UnitType;
    /** District hospital of a health centre; null for hospitals and the provincial office. */
    readonly parentHcode: string | null;
    /** MSP ID of the organisation whose members act for this unit. */
    readonly mspId: string;
}
