import { ChaincodeError } from '../errors/chaincode-error';

/**
 * Barthel ADL index, Thai 20-point form (10 items). Each item's maximum score;
 * the total is 0..20. Source: domain-standards §9 (FUNCTIONAL file, test 01 Barthel).
 */
export const BARTHEL_ITEMS = {
    feeding: 2,
    grooming: 1,
    transfer: 3,
    toiletUse: 2,
    mobility: 3,
    dressing: 2,
    stairs: 2,
    bathing: 1,
    bowels: 2,
    bladder: 2,
} as const;

/** One of the 10 Barthel items. */
export type BarthelItem = keyof typeof BARTHEL_ITEMS;

/** The 10 item names, in the form's order. */
export const BARTHEL_ITEM_NAMES = Object.keys(BARTHEL_ITEMS) as BarthelItem[];

/** A complete assessment: a score for each of the 10 items. */
export type BarthelAssessment = Readonly<Record<BarthelItem, number>>;

/** ADL groups: ≥ 12 socially active (ติดสังคม), 5–11 homebound (ติดบ้าน), 0–4 bedridden (ติดเตียง). */
export const ADL_GROUPS = ['socially-active', 'homebound', 'bedridden'] as const;

/** One of {@link ADL_GROUPS}. */
export type AdlGroup = (typeof ADL_GROUPS)[number];

/** The group of a Barthel total (0..20). */
export function adlGroupOf(score: number): AdlGroup {
    if (score >= 12) return 'socially-active';
    if (score >= 5) return 'homebound';
    return 'bedridden';
}

/** Rank of a group, higher = more independent (for "improved" comparisons). */
export function adlRank(group: AdlGroup): number {
    return ADL_GROUPS.length - 1 - ADL_GROUPS.indexOf(group);
}

/** A scored assessment as stored on the channel. */
export interface AdlScore {
    readonly score: number;
    readonly group: AdlGroup;
    readonly items: BarthelAssessment;
}

function outOfRange(field: string, rule: string): ChaincodeError {
    return new ChaincodeError('ADL_SCORE_OUT_OF_RANGE', `${field} ${rule}`, { details: { field } });
}

/**
 * Validates the 10 item scores and computes the total and group.
 *
 * @param field - name of the argument, for messages
 * @throws ChaincodeError ADL_SCORE_OUT_OF_RANGE when an item is missing, unknown, not an integer or out of its range
 */
export function scoreBarthel(value: unknown, field = 'adl'): AdlScore {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
        throw outOfRange(field, 'must be an object with the 10 Barthel items');
    }
    const input = value as Record<string, unknown>;
    for (const key of Object.keys(input)) {
        if (!(key in BARTHEL_ITEMS)) {
            throw outOfRange(`${field}.${key}`, 'is not a Barthel item');
        }
    }
    const items = {} as Record<BarthelItem, number>;
    let score = 0;
    for (const name of BARTHEL_ITEM_NAMES) {
        const item = input[name];
        const max = BARTHEL_ITEMS[name];
        if (typeof item !== 'number' || !Number.isInteger(item) || item < 0 || item > max) {
            throw outOfRange(`${field}.${name}`, `must be an integer 0-${String(max)}`);
        }
        items[name] = item;
        score += item;
    }
    return { score, group: adlGroupOf(score), items };
}
