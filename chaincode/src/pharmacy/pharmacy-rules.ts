import partnerDrugstores from './data/partner-drugstores.json';
import refillRules from './data/refill-rules.json';
import tmtSubset from './data/tmt-subset.json';

/** Rule tables compiled into the chaincode (copies of `fixtures/pharmacy/`; a spec keeps them identical). */

/** One drug of the TMT subset. */
export interface TmtDrug {
    readonly tmtId: string;
    readonly nameEn: string;
    readonly nameTh: string;
    readonly dispensingUnit: string;
    readonly illustrative: boolean;
}

/** One version of the refill rule table. */
export interface RefillRule {
    readonly id: string;
    /** First day (YYYY-MM-DD, Asia/Bangkok) the rule applies. */
    readonly effectiveFrom: string;
    /** Last day it applies, or null while current. */
    readonly effectiveTo: string | null;
    /** How many days before the interval has elapsed a refill may be dispensed. */
    readonly earlyToleranceDays: number;
    readonly minIntervalDays: number;
    readonly maxIntervalDays: number;
    readonly maxCycles: number;
    readonly maxQuantityPerItem: number;
    /** Days after the dispense within which a post / volunteer delivery must be confirmed, else it is flagged. */
    readonly deliveryConfirmDays: { readonly post: number; readonly volunteer: number };
    readonly verified: boolean;
}

/** A partner drugstore: a network-assigned 5-digit code and the organisation that acts for it. */
export interface PartnerDrugstore {
    readonly code: string;
    readonly mspId: string;
    readonly partnerOf: string;
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;

function rulesFrom(data: unknown): readonly RefillRule[] {
    const rules = (data as { rules?: unknown }).rules;
    if (!Array.isArray(rules) || rules.length === 0) throw new Error('refill rule table has no rules');
    return rules.map((entry: unknown, index) => {
        const rule = entry as Partial<Record<keyof RefillRule, unknown>>;
        const numbers = ['earlyToleranceDays', 'minIntervalDays', 'maxIntervalDays', 'maxCycles', 'maxQuantityPerItem'] as const;
        for (const name of numbers) {
            if (typeof rule[name] !== 'number' || !Number.isInteger(rule[name]) || (rule[name] as number) < 0) {
                throw new Error(`refill rule ${String(index)} has a bad ${name}`);
            }
        }
        if (typeof rule.id !== 'string' || typeof rule.effectiveFrom !== 'string' || !DATE.test(rule.effectiveFrom)) {
            throw new Error(`refill rule ${String(index)} has a bad id or effectiveFrom`);
        }
        if (rule.effectiveTo !== null && (typeof rule.effectiveTo !== 'string' || !DATE.test(rule.effectiveTo))) {
            throw new Error(`refill rule ${rule.id} has a bad effectiveTo`);
        }
        const confirm = rule.deliveryConfirmDays as { post?: unknown; volunteer?: unknown } | undefined;
        if (typeof confirm !== 'object' || !Number.isInteger(confirm.post) || !Number.isInteger(confirm.volunteer)) {
            throw new Error(`refill rule ${rule.id} has a bad deliveryConfirmDays`);
        }
        return Object.freeze(rule as RefillRule);
    });
}

function drugsFrom(data: unknown): ReadonlyMap<string, TmtDrug> {
    const drugs = (data as { drugs?: unknown }).drugs;
    if (!Array.isArray(drugs)) throw new Error('TMT subset has no drugs');
    const map = new Map<string, TmtDrug>();
    for (const entry of drugs as unknown[]) {
        const drug = entry as Partial<TmtDrug>;
        if (typeof drug.tmtId !== 'string' || !/^\d{6,7}$/.test(drug.tmtId) || map.has(drug.tmtId)) {
            throw new Error('TMT subset has a bad or duplicate tmtId');
        }
        map.set(drug.tmtId, Object.freeze(drug as TmtDrug));
    }
    return map;
}

function drugstoresFrom(data: unknown): ReadonlyMap<string, PartnerDrugstore> {
    const stores = (data as { drugstores?: unknown }).drugstores;
    if (!Array.isArray(stores)) throw new Error('partner drugstore list has no drugstores');
    const map = new Map<string, PartnerDrugstore>();
    for (const entry of stores as unknown[]) {
        const store = entry as Partial<PartnerDrugstore>;
        if (typeof store.code !== 'string' || !/^\d{5}$/.test(store.code) || typeof store.mspId !== 'string' || map.has(store.code)) {
            throw new Error('partner drugstore list has a bad entry');
        }
        map.set(store.code, Object.freeze({ code: store.code, mspId: store.mspId, partnerOf: String(store.partnerOf) }));
    }
    return map;
}

/** Drugs of the TMT subset by TMTID. */
export const TMT_DRUGS: ReadonlyMap<string, TmtDrug> = drugsFrom(tmtSubset);
/** Every version of the refill rule table. */
export const REFILL_RULES: readonly RefillRule[] = rulesFrom(refillRules);
/** Partner drugstores by code. */
export const PARTNER_DRUGSTORES: ReadonlyMap<string, PartnerDrugstore> = drugstoresFrom(partnerDrugstores);

/**
 * The refill rule in force on `day` (YYYY-MM-DD): the latest version whose
 * effective range contains it.
 *
 * @returns undefined when no version covers the day
 */
export function refillRuleOn(day: string, rules: readonly RefillRule[] = REFILL_RULES): RefillRule | undefined {
    return [...rules]
        .filter((rule) => rule.effectiveFrom <= day && (rule.effectiveTo === null || day <= rule.effectiveTo))
        .sort((a, b) => b.effectiveFrom.localeCompare(a.effectiveFrom))[0];
}

/** Day (YYYY-MM-DD) of an instant in Asia/Bangkok (UTC+7, no daylight saving). */
export function bangkokDay(iso: string): string {
    return new Date(Date.parse(iso) + 7 * 3_600_000).toISOString().slice(0, 10);
}

/** Midnight (Asia/Bangkok) starting `day`, in epoch milliseconds. */
export function bangkokMidnight(day: string): number {
    return Date.parse(`${day}T00:00:00+07:00`);
}

/** `day` plus `days` calendar days (YYYY-MM-DD). */
export function addDays(day: string, days: number): string {
    return new Date(Date.parse(`${day}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}
