import { canSee, unitInScope } from './referral-visibility';

const volunteer = { username: 'volunteer.03903', role: 'volunteer' as const, hcode: '03903', mspId: 'BangKhlaMSP' };
const nurse = { ...volunteer, username: 'nurse.03903', role: 'nurse' as const };

describe('referral visibility for COC volunteers', () => {
  it('never shows a health centre’s referrals to its village health volunteers', () => {
    expect(() => unitInScope(volunteer, undefined)).toThrow('volunteers do not read referrals');
    expect(canSee(volunteer, { fromHcode: '10697', toHcode: '03903' })).toBe(false);
  });

  it('keeps the nurse’s view of her own unit', () => {
    expect(unitInScope(nurse, undefined)).toBe('03903');
    expect(canSee(nurse, { fromHcode: '10697', toHcode: '03903' })).toBe(true);
  });
});
