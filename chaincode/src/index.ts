import { CocContract } from './coc/coc-contract';
import { PharmacyContract } from './pharmacy/pharmacy-contract';
import { ReferralContract } from './referral/referral-contract';

export { CocContract } from './coc/coc-contract';
export { PharmacyContract } from './pharmacy/pharmacy-contract';
export { ReferralContract } from './referral/referral-contract';

/** Contracts served by this chaincode (read by `fabric-chaincode-node`); the first is the default. */
export const contracts: (typeof ReferralContract | typeof CocContract | typeof PharmacyContract)[] = [ReferralContract, CocContract, PharmacyContract];
