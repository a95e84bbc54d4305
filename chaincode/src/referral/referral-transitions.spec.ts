import { REFERRAL_ACTIONS, REFERRAL_STATUSES, type ReferralStatus } from './referral';
import { ACTION_STATUS, assertTransition, canTransition, REFERRAL_TRANSITIONS } from './referral-transitions';

/** The lifecycle of docs/contracts.md, written out pair by pair. */
const ALLOWED = new Set([
    'requested→received',
    'requested→accepted',
    'requested→rejected',
    'requested→cancelled',
    'received→accepted',
    'received→rejected',
    'received→cancelled',
    'accepted→arrived',
    'accepted→no-show',
    'accepted→cancelled',
    'arrived→completed',
]);

const PAIRS: [ReferralStatus, ReferralStatus, boolean][] = REFERRAL_STATUSES.flatMap((from) =>
    REFERRAL_STATUSES.map((to): [ReferralStatus, ReferralStatus, boolean] => [from, to, ALLOWED.has(`${from}→${to}`)]),
);

describe('referral transitions', () => {
    it('has a row for every status', () => {
        expect(Object.keys(REFERRAL_TRANSITIONS).sort()).toEqual([...REFERRAL_STATUSES].sort());
    });

    it.each(PAIRS)('%s → %s allowed: %s', (from, to, allowed) => {
        expect(canTransition(from, to)).toBe(allowed);
        if (allowed) {
            expect(() => assertTransition('R-1', from, to)).not.toThrow();
        } else {
            expect(() => assertTransition('R-1', from, to)).toThrow(new RegExp(`^INVALID_TRANSITION: referral R-1 cannot go from ${from} to ${to}$`));
        }
    });

    it('makes completed, rejected, cancelled and no-show final', () => {
        const final = REFERRAL_STATUSES.filter((status) => REFERRAL_TRANSITIONS[status].length === 0);
        expect(final.sort()).toEqual(['cancelled', 'completed', 'no-show', 'rejected']);
    });

    it('maps every step action to the status it leads to', () => {
        expect(Object.keys(ACTION_STATUS).sort()).toEqual([...REFERRAL_ACTIONS].sort());
        expect(ACTION_STATUS).toEqual({
            create: 'requested',
            receive: 'received',
            accept: 'accepted',
            reject: 'rejected',
            arrive: 'arrived',
            complete: 'completed',
            'no-show': 'no-show',
            cancel: 'cancelled',
        });
    });
});
