import { Context } from 'fabric-contract-api';
import { ChaincodeError } from '../errors/chaincode-error';
import { peerMspId, requirePeerMember } from './peer-org';

function contextWith(getMspID: () => string): Context {
    const ctx = new Context();
    ctx.stub = { getMspID } as unknown as Context['stub'];
    return ctx;
}

const UNSET = (): string => {
    throw new Error('CORE_PEER_LOCALMSPID is unset in chaincode process');
};

describe('peer organisation', () => {
    it('reads the peer MSP from the stub', () => {
        expect(peerMspId(contextWith(() => 'BangKhlaMSP'))).toBe('BangKhlaMSP');
    });

    it.each<[string, () => string]>([
        ['unset', UNSET],
        ['empty', () => ''],
    ])('is undefined when %s', (_label, getMspID) => {
        expect(peerMspId(contextWith(getMspID))).toBeUndefined();
    });

    it('lets a member peer through and returns its MSP', () => {
        expect(requirePeerMember(contextWith(() => 'B'), ['A', 'B'], 'read')).toBe('B');
    });

    it('refuses a non-member peer with FORBIDDEN_UNIT naming the members', () => {
        expect(() => requirePeerMember(contextWith(() => 'C'), ['B', 'A', 'B'], 'read')).toThrow(
            new ChaincodeError('FORBIDDEN_UNIT', 'a peer of C may not read; endorse on a peer of A or B'),
        );
    });

    it('leaves the check to the collection policies when the peer MSP is unknown', () => {
        expect(requirePeerMember(contextWith(UNSET), ['A'], 'read')).toBeUndefined();
    });
});
