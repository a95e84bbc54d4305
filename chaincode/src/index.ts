import { PharmacyContract } from './pharmacy/pharmacy-contract';
import { ReferralContract } from './referral/referral-contract';

export { PharmacyContract } from './pharmacy/pharmacy-contract';
export { ReferralContract } from './referral/referral-contract';

/** Contracts served by this chaincode (read by `fabric-chaincode-node`). */
export const contracts: (typeof ReferralContract | typeof PharmacyContract)[] = [ReferralContract, PharmacyContract];
