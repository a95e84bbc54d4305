import { Context, Contract, Info } from 'fabric-contract-api';
import { getActor } from '../access/actor';

/**
 * The baseline of the ledger benchmark (`npm run bench`): a transaction that costs what every transaction costs
 * (proposal, endorsement, ordering, validation, commit) and nothing of its own. It checks that the caller is
 * enrolled staff (their certificate's role and unit), reads its arguments and writes nothing.
 *
 * Not decorated with `@Transaction` on purpose: the contract API then infers `NoOp` without a parameter list,
 * so it takes any number of string arguments (a decorated rest parameter would be one JSON array argument).
 */
@Info({ title: 'BenchContract', description: 'No-op transaction for throughput baselines' })
export class BenchContract extends Contract {
    constructor() {
        super('BenchContract');
    }

    /** Reads its arguments and returns how many there were and their total length (`"<count>:<chars>"`); writes nothing. */
    public async NoOp(ctx: Context, ...args: string[]): Promise<string> {
        getActor(ctx);
        let chars = 0;
        for (const arg of args) chars += String(arg).length;
        return `${args.length}:${chars}`;
    }
}
