import { EmsContract } from './ems/ems-contract';
import { ReferralContract } from './referral/referral-contract';

export { EmsContract } from './ems/ems-contract';
export { ReferralContract } from './referral/referral-contract';

/** Contracts served by this chaincode (read by `fabric-chaincode-node`). */
export const contracts: (typeof ReferralContract | typeof EmsContract)[] = [ReferralContract, EmsContract];
