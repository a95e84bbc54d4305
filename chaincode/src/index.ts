import { KioskContract } from './kiosk/kiosk-contract';
import { ReferralContract } from './referral/referral-contract';

export { KioskContract } from './kiosk/kiosk-contract';
export { ReferralContract } from './referral/referral-contract';

/** Contracts served by this chaincode (read by `fabric-chaincode-node`). */
export const contracts: (typeof ReferralContract | typeof KioskContract)[] = [ReferralContract, KioskContract];
