import { CocContract } from './coc/coc-contract';
import { ReferralContract } from './referral/referral-contract';

export { CocContract } from './coc/coc-contract';
export { ReferralContract } from './referral/referral-contract';

/** Contracts served by this chaincode (read by `fabric-chaincode-node`). */
export const contracts: (typeof ReferralContract | typeof CocContract)[] = [ReferralContract, CocContract];
