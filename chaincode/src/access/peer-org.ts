import type { Context } from 'fabric-contract-api';
import { ChaincodeError } from '../errors/chaincode-error';

/**
 * The organisation of the peer running this transaction (the chaincode
 * process's `CORE_PEER_LOCALMSPID`).
 *
 * @returns undefined when the process was started without it (e.g. one
 *   chaincode service shared by the peers of several organisations)
 */
export function peerMspId(ctx: Context): string | undefined {
    try {
        const mspId = ctx.stub.getMspID();
        return mspId === '' ? undefined : mspId;
    } catch {
        return undefined;
    }
}

/**
 * Private data is only touched on a peer of one of `memberMspIds`, so it never
 * lands in (or is read from) a peer that is not a member of the collection.
 *
 * When the process does not know its peer's organisation (one chaincode
 * service shared by the peers of all organisations, as this network runs it),
 * the check is left to Fabric itself: each `clinical_<A>_<B>` collection is
 * memberOnlyRead/memberOnlyWrite for the client, carries the endorsement
 * policy AND(A.peer, B.peer), and every summary key gets the same private
 * state-based policy, so a write endorsed elsewhere is invalidated at commit.
 *
 * @returns the peer's MSP ID, or undefined when it is unknown
 * @throws ChaincodeError FORBIDDEN_UNIT when the peer's organisation is known
 *   and is not a member
 */
export function requirePeerMember(ctx: Context, memberMspIds: readonly string[], what: string): string | undefined {
    const mspId = peerMspId(ctx);
    if (mspId === undefined) return undefined;
    if (!memberMspIds.includes(mspId)) {
        throw new ChaincodeError('FORBIDDEN_UNIT', `a peer of ${mspId} may not ${what}; endorse on a peer of ${[...new Set(memberMspIds)].sort().join(' or ')}`, {
            details: { peerMspId: mspId, members: [...new Set(memberMspIds)].sort() },
        });
    }
    return mspId;
}
