import { readFileSync } from 'node:fs';
import path from 'node:path';
import { PARTNER_DRUGSTORES } from './pharmacy-rules';

// The organisation `npm run org:add -- ChachoengsaoPharmacyNetwork` joins (fixtures/orgs) must act for exactly
// the partner drugstores the chaincode knows, and its pharmacists must work at one of them.
const root = path.resolve(__dirname, '../../..');
const org = JSON.parse(readFileSync(path.join(root, 'fixtures', 'orgs', 'ChachoengsaoPharmacyNetwork.json'), 'utf8')) as {
    mspId: string;
    drugstores: string[];
    users: { username: string; role: string; hcode: string }[];
    peer: { port: number; chaincodePort: number; operationsPort: number; chaincodeServicePort: number };
};
const network = JSON.parse(readFileSync(path.join(root, 'fixtures', 'network.json'), 'utf8')) as {
    peerOrgs: { mspId: string; peer: { port: number; chaincodePort: number; operationsPort: number; chaincodeServicePort: number } }[];
};

describe('partner-drugstore organisation (fixtures/orgs)', () => {
    it('acts for every partner drugstore of its MSP, and only those', () => {
        const mine = [...PARTNER_DRUGSTORES.values()].filter((s) => s.mspId === org.mspId).map((s) => s.code).sort();
        expect([...org.drugstores].sort()).toEqual(mine);
    });

    it('has pharmacists at its drugstores', () => {
        for (const user of org.users) {
            expect(user.role).toBe('pharmacist');
            expect(org.drugstores).toContain(user.hcode);
            expect(user.username).toBe(`pharmacist.ds${user.hcode}`);
        }
    });

    it('is not on the channel at genesis and uses ports no other organisation uses', () => {
        expect(network.peerOrgs.map((o) => o.mspId)).not.toContain(org.mspId);
        const used = network.peerOrgs.flatMap((o) => [o.peer.port, o.peer.chaincodePort, o.peer.operationsPort, o.peer.chaincodeServicePort]);
        for (const port of [org.peer.port, org.peer.chaincodePort, org.peer.operationsPort, org.peer.chaincodeServicePort]) expect(used).not.toContain(port);
    });
});
