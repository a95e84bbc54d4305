import { ChaincodeError } from '../errors/chaincode-error';
import { FakeLedger, identity } from '../test-support/fake-ledger';
import { BenchContract } from './bench-contract';

const CLINICIAN = identity('BuddhasothornMSP', 'clinician', '10697', 'clinician.buddhasothorn');
const AUDITOR = identity('ProvincialHealthOfficeMSP', 'auditor', '00024', 'auditor.pho');
const NO_ROLE = identity('BuddhasothornMSP', undefined, '10697', 'someone');

describe('BenchContract.NoOp', () => {
    const contract = new BenchContract();

    it('reads its arguments, returns their count and length, and writes nothing', async () => {
        const ledger = new FakeLedger();
        const outcome = await ledger.invoke(CLINICIAN, (ctx) => contract.NoOp(ctx, '{"referralId":"R-1"}', 'abc'));
        expect(outcome.error).toBeUndefined();
        expect(outcome.result).toBe('2:23');
        expect(FakeLedger.writeCount(outcome.writes)).toBe(0);
        expect(ledger.state.size).toBe(0);
        expect(ledger.events).toHaveLength(0);
    });

    it('takes no arguments at all, and any enrolled staff (an auditor without a unit too)', async () => {
        const ledger = new FakeLedger();
        const outcome = await ledger.invoke(AUDITOR, (ctx) => contract.NoOp(ctx));
        expect(outcome.result).toBe('0:0');
        expect(FakeLedger.writeCount(outcome.writes)).toBe(0);
    });

    it('refuses a certificate without a role (MISSING_ATTRIBUTE)', async () => {
        const ledger = new FakeLedger();
        const outcome = await ledger.invoke(NO_ROLE, (ctx) => contract.NoOp(ctx, 'x'));
        expect(outcome.error).toBeInstanceOf(ChaincodeError);
        expect((outcome.error as ChaincodeError).code).toBe('MISSING_ATTRIBUTE');
    });

    it('is inferred by the contract API without a parameter list, so any number of arguments is accepted', () => {
        expect(contract.getName()).toBe('BenchContract');
        const metadata = Reflect as unknown as { getMetadata(key: string, target: object): unknown };
        expect(metadata.getMetadata('fabric:transactions', contract) ?? []).toEqual([]);
        expect(BenchContract.prototype.NoOp.length).toBe(1); // ctx only: no argN parameters inferred
    });
});
