import { ApiError } from '../../http/api-error';
import type { Principal } from '../auth/auth-token';

/** The provincial health office's MSP: its auditors may read every referral. */
export const AUDITOR_MSP_ID = 'ProvincialHealthOfficeMSP';

/** True for an auditor of the provincial health office (the same rule as the chaincode's read access). */
export function isProvincialAuditor(caller: Principal): boolean {
  return caller.role === 'auditor' && caller.mspId === AUDITOR_MSP_ID;
}

/**
 * The unit whose referrals the caller may query: auditors any unit, or every unit (undefined);
 * everyone else only their own hcode. A hospital's staff do not see its health centres' referrals.
 *
 * @throws ApiError FORBIDDEN_UNIT when a non-auditor asks for another unit
 */
export function unitInScope(caller: Principal, requested: string | undefined): string | undefined {
  if (isProvincialAuditor(caller)) return requested;
  // village health volunteers (COC) act for a health centre but never read its referrals (as in the chaincode)
  if (caller.role === 'volunteer') throw new ApiError('FORBIDDEN_ROLE', 'volunteers do not read referrals');
  if (requested !== undefined && requested !== caller.hcode) {
    throw new ApiError('FORBIDDEN_UNIT', `only auditors may query another unit than your own (${caller.hcode})`, { unit: requested });
  }
  return caller.hcode;
}

/** True when the caller may see this referral: a party's own hcode, or a provincial auditor. */
export function canSee(caller: Principal, referral: { readonly fromHcode: string; readonly toHcode: string }): boolean {
  if (caller.role === 'volunteer') return false;
  return isProvincialAuditor(caller) || referral.fromHcode === caller.hcode || referral.toHcode === caller.hcode;
}
