import { Contract } from 'fabric-contract-api';
import * as chaincode from './index';

describe('chaincode entry point', () => {
    it('exports the contracts list read by fabric-chaincode-node', () => {
        expect(chaincode.contracts).toEqual([chaincode.ReferralContract, chaincode.EmsContract]);
        const [first, ems] = chaincode.contracts.map((Type) => new Type());
        expect(first).toBeInstanceOf(Contract);
        expect(first?.getName()).toBe('referral');
        expect(ems?.getName()).toBe('EmsContract');
    });
});
