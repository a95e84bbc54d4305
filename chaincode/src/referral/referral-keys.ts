import type { Context } from 'fabric-contract-api';

/** Object type of the referral record key. */
export const REFERRAL_KEY_TYPE = 'referral';
/** Index: referrals by destination unit, attributes [toHcode, id]. */
export const REFERRAL_TO_INDEX = 'referral~to';
/** Index: referrals by origin unit, attributes [fromHcode, id]. */
export const REFERRAL_FROM_INDEX = 'referral~from';

/** Key of the referral record: composite key `referral` / [id]. */
export function referralKey(ctx: Context, id: string): string {
    return ctx.stub.createCompositeKey(REFERRAL_KEY_TYPE, [id]);
}

/** Index key listing referral `id` under destination unit `toHcode`. */
export function referralToIndexKey(ctx: Context, toHcode: string, id: string): string {
    return ctx.stub.createCompositeKey(REFERRAL_TO_INDEX, [toHcode, id]);
}

/** Index key listing referral `id` under origin unit `fromHcode`. */
export function referralFromIndexKey(ctx: Context, fromHcode: string, id: string): string {
    return ctx.stub.createCompositeKey(REFERRAL_FROM_INDEX, [fromHcode, id]);
}
