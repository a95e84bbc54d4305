import type { Context } from 'fabric-contract-api';
import { KeyEndorsementPolicy } from 'fabric-shim';

/** Policy bytes requiring a peer of every listed organisation (deduplicated and sorted, so every endorser writes the same bytes). */
function peersOfPolicy(mspIds: readonly string[]): { orgs: string[]; policy: Uint8Array } {
    const orgs = [...new Set(mspIds)].sort();
    const policy = new KeyEndorsementPolicy();
    policy.addOrgs('PEER', ...orgs);
    return { orgs, policy: policy.getPolicy() };
}

/**
 * Sets a state-based endorsement policy on `key`: later changes need a peer of
 * every listed organisation.
 *
 * @returns the organisations in the policy
 */
export async function requirePeersOf(ctx: Context, key: string, mspIds: readonly string[]): Promise<string[]> {
    const { orgs, policy } = peersOfPolicy(mspIds);
    await ctx.stub.setStateValidationParameter(key, policy);
    return orgs;
}

/**
 * Sets a state-based endorsement policy on private `key` of `collection`:
 * later changes need a peer of every listed organisation.
 *
 * @returns the organisations in the policy
 */
export async function requirePeersOfPrivate(ctx: Context, collection: string, key: string, mspIds: readonly string[]): Promise<string[]> {
    const { orgs, policy } = peersOfPolicy(mspIds);
    await ctx.stub.setPrivateDataValidationParameter(collection, key, policy);
    return orgs;
}
