import { REFERRAL_STATUSES } from './referral';
import { assertTransition, REFERRAL_TRANSITIONS } from './referral-transitions';

describe('referral transitions', () => {
    it('has a row for every status', () => {
        expect(Object.keys(REFERRAL_TRANSITIONS).sort()).toEqual([...REFERRAL_STATUSES].sort());
    });

    it('allows requested → accepted | rejected only', () => {
        expect(() => assertTransition('R-1', 'requested', 'accepted')).not.toThrow();
        expect(() => assertTransition('R-1', 'requested', 'rejected')).not.toThrow();
        expect(() => assertTransition('R-1', 'accepted', 'accepted')).toThrow(/^INVALID_TRANSITION: referral R-1 cannot go from accepted to accepted$/);
        expect(() => assertTransition('R-1', 'rejected', 'accepted')).toThrow(/^INVALID_TRANSITION: /);
        expect(() => assertTransition('R-1', 'accepted', 'requested')).toThrow(/^INVALID_TRANSITION: /);
    });
});
