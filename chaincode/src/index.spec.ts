import { Contract } from 'fabric-contract-api';
import * as chaincode from './index';

describe('chaincode entry point', () => {
    it('exports the contracts list read by fabric-chaincode-node', () => {
        expect(chaincode.contracts).toEqual([chaincode.ReferralContract, chaincode.CocContract, chaincode.PharmacyContract, chaincode.KioskContract, chaincode.EmsContract, chaincode.BenchContract]);
        const names = chaincode.contracts.map((Type) => new Type().getName());
        expect(names).toEqual(['referral', 'CocContract', 'PharmacyContract', 'KioskContract', 'EmsContract', 'BenchContract']);
        expect(new chaincode.ReferralContract()).toBeInstanceOf(Contract);
    });
});
