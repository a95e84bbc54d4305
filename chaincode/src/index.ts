import { ReferralContract } from './referral/referral-contract';

export { ReferralContract } from './referral/referral-contract';

/** Contracts served by this chaincode (read by `fabric-chaincode-node`). */
export const contracts: (typeof ReferralContract)[] = [ReferralContract];
