import { ReferralContract } from './referral/referral-contract';
import { CocContract } from './coc/coc-contract';
import { PharmacyContract } from './pharmacy/pharmacy-contract';
import { KioskContract } from './kiosk/kiosk-contract';
import { EmsContract } from './ems/ems-contract';
import { BenchContract } from './bench/bench-contract';

export { ReferralContract } from './referral/referral-contract';
export { CocContract } from './coc/coc-contract';
export { PharmacyContract } from './pharmacy/pharmacy-contract';
export { KioskContract } from './kiosk/kiosk-contract';
export { EmsContract } from './ems/ems-contract';
export { BenchContract } from './bench/bench-contract';

/** Contracts served by this chaincode (read by `fabric-chaincode-node`); the first (referral) is the default. */
export const contracts: (typeof ReferralContract | typeof CocContract | typeof PharmacyContract | typeof KioskContract | typeof EmsContract | typeof BenchContract)[] = [ReferralContract, CocContract, PharmacyContract, KioskContract, EmsContract, BenchContract];
