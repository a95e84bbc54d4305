import type { Context } from 'fabric-contract-api';
import { KeyEndorsementPolicy } from 'fabric-shim';

/**
 * Sets a state-based endorsement policy on `key`: later changes need a peer of
 * every listed organisation. Duplicates are removed and the list is sorted so
 * every endorser writes the same policy bytes.
 *
 * @returns the organisations in the policy
 */
export async function requirePeersOf(ctx: Context, key: string, mspIds: readonly string[]): Promise<string[]> {
    const orgs = [...new Set(mspIds)].sort();
    const policy = new KeyEndorsementPolicy();
    policy.addOrgs('PEER', ...orgs);
    await ctx.stub.setStateValidationParameter(key, policy.getPolicy());
    return orgs;
}
