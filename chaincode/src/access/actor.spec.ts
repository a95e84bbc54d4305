import { FakeLedger, identity } from '../test-support/fake-ledger';
import { getActor, subjectCommonName } from './actor';

describe('subjectCommonName', () => {
    it('takes the CN of the subject, not of the issuer', () => {
        expect(subjectCommonName('x509::/C=TH/O=BangKhlaMSP/OU=client/CN=dr.bk01::/C=TH/O=BangKhlaMSP/CN=ca.bangkhla')).toBe('dr.bk01');
    });

    it('unescapes a slash inside the CN', () => {
        expect(subjectCommonName('x509::/OU=client/CN=ward\\/3::/CN=ca')).toBe('ward/3');
    });

    it('returns undefined without a CN or for a non-X.509 id', () => {
        expect(subjectCommonName('x509::/C=TH/O=Org::/CN=ca')).toBeUndefined();
        expect(subjectCommonName('idemix::abc')).toBeUndefined();
    });
});

describe('getActor', () => {
    async function actorOf(who: ReturnType<typeof identity>): Promise<unknown> {
        const outcome = await new FakeLedger().invoke(who, (ctx) => Promise.resolve(getActor(ctx)));
        if (outcome.error !== undefined) {
            throw outcome.error;
        }
        return outcome.result;
    }

    it('reads role, hcode, MSP and the CN', async () => {
        await expect(actorOf(identity('BangKhlaMSP', 'nurse', '03998', 'rn.hc01'))).resolves.toEqual({
            role: 'nurse',
            hcode: '03998',
            mspId: 'BangKhlaMSP',
            name: 'rn.hc01',
        });
    });

    it('lets an auditor omit hcode but not a clinician', async () => {
        await expect(actorOf(identity('ProvincialHealthOfficeMSP', 'auditor', undefined))).resolves.toMatchObject({ hcode: undefined });
        await expect(actorOf(identity('BangKhlaMSP', 'clinician', undefined))).rejects.toThrow(/^MISSING_ATTRIBUTE: /);
    });

    it('treats an empty attribute as missing', async () => {
        await expect(actorOf(identity('BangKhlaMSP', '', '11138'))).rejects.toThrow(/^MISSING_ATTRIBUTE: .*role/);
    });

    it('requires a subject CN', async () => {
        await expect(actorOf(identity('BangKhlaMSP', 'nurse', '11138', ''))).rejects.toThrow(/^MISSING_ATTRIBUTE: .*CN/);
    });
});
