import type { Contract } from '@hyperledger/fabric-gateway';
import { ApiError } from '../http/api-error';
import { GatewayContract } from './gateway-contract';

/** An error shaped like the Fabric Gateway client's (name, gRPC code, per-peer details). */
function gatewayError(name: string, code: number, details: { mspId: string; message: string }[] = []): Error {
  const err = Object.assign(new Error(`${code} ${name}`), { code, details: details.map((d) => ({ address: '127.0.0.1:7100', ...d })) });
  err.name = name;
  return err;
}

const VALID = 0;
const MVCC = 11;
const DUPLICATE = 9;

interface Script {
  endorse: (Error | undefined)[];
  submit: (Error | undefined)[];
  status: (Error | number)[];
}

/** A contract whose endorse/submit/getStatus outcomes follow the script, one entry per call. */
function fakeContract(script: Script): { contract: Contract; calls: { endorse: number; submit: number; status: number; txIds: string[] } } {
  const calls = { endorse: 0, submit: 0, status: 0, txIds: [] as string[] };
  const contract = {
    newProposal: () => ({
      endorse: async () => {
        const outcome = script.endorse[calls.endorse++];
        if (outcome !== undefined) throw outcome;
        const txId = `tx${calls.endorse}`;
        return {
          getResult: () => Buffer.from('{"ok":true}'),
          getTransactionId: () => txId,
          submit: async () => {
            const failure = script.submit[calls.submit++];
            calls.txIds.push(txId);
            if (failure !== undefined) throw failure;
            return {
              getStatus: async () => {
                const s = script.status[calls.status++] ?? VALID;
                if (s instanceof Error) throw s;
                return { code: s, successful: s === VALID, blockNumber: 7n, transactionId: txId };
              },
            };
          },
        };
      },
    }),
    evaluate: async () => {
      const outcome = script.endorse[calls.endorse++];
      if (outcome !== undefined) throw outcome;
      return Buffer.from('pong');
    },
  } as unknown as Contract;
  return { contract, calls };
}

const fast = { attempts: 4, initialDelayMs: 1, maxDelayMs: 2, statusWaitMs: 10, commitBudgetMs: 5_000 };

describe('GatewayContract', () => {
  it('keeps a chaincode business error and does not retry it', async () => {
    const { contract, calls } = fakeContract({
      endorse: [gatewayError('EndorseError', 10, [{ mspId: 'BangKhlaMSP', message: 'chaincode response 500, REFERRAL_EXISTS: referral R-1 already exists' }])],
      submit: [],
      status: [],
    });
    const err = await new GatewayContract({ contract, ownMspId: 'BangKhlaMSP', peer: 'p', retry: fast }).submit('CreateReferral').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ApiError);
    expect((err as ApiError).code).toBe('REFERRAL_EXISTS');
    expect(calls.endorse).toBe(1);
  });

  it('retries a transient endorsement failure with a new proposal', async () => {
    const { contract, calls } = fakeContract({ endorse: [gatewayError('EndorseError', 14, [{ mspId: 'BanPhoMSP', message: 'connection refused' }])], submit: [], status: [VALID] });
    const done = await new GatewayContract({ contract, ownMspId: 'BangKhlaMSP', peer: 'p', retry: fast }).submit('CreateReferral');
    expect(calls.endorse).toBe(2);
    expect(done.transactionId).toBe('tx2');
    expect(done.blockNumber).toBe(7n);
  });

  it('submits the same transaction again while its commit status is unknown', async () => {
    const { contract, calls } = fakeContract({
      endorse: [],
      submit: [gatewayError('SubmitError', 14)],
      status: [gatewayError('CommitStatusError', 4), VALID],
    });
    const done = await new GatewayContract({ contract, ownMspId: 'BangKhlaMSP', peer: 'p', retry: fast }).submit('AcceptReferral');
    expect(calls.endorse).toBe(1);
    expect(calls.txIds).toEqual(['tx1', 'tx1', 'tx1']);
    expect(done.transactionId).toBe('tx1');
  });

  it('submits again when the peer cancels the commit-status wait (its orderer died)', async () => {
    const { contract, calls } = fakeContract({ endorse: [], submit: [], status: [gatewayError('CommitStatusError', 1), VALID] });
    const done = await new GatewayContract({ contract, ownMspId: 'BangKhlaMSP', peer: 'p', retry: fast }).submit('AcceptReferral');
    expect(calls.txIds).toEqual(['tx1', 'tx1']);
    expect(done.transactionId).toBe('tx1');
  });

  it('answers 503 with the transaction ID when the commit status stays unknown past the budget', async () => {
    const timeout = gatewayError('CommitStatusError', 4);
    const unknown = Array.from({ length: 1_000_000 }, () => timeout);
    const { contract } = fakeContract({ endorse: [], submit: [], status: unknown });
    const err = await new GatewayContract({ contract, ownMspId: 'BangKhlaMSP', peer: 'p', retry: { ...fast, commitBudgetMs: 5 } })
      .submit('DispenseCycle')
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ApiError);
    expect((err as ApiError).code).toBe('LEDGER_UNAVAILABLE');
    expect((err as ApiError).details).toEqual({ transactionId: 'tx1', outcome: 'unknown' });
  });

  it('does not send a second copy when the first one is already on the ledger (asks for its status again)', async () => {
    const { contract, calls } = fakeContract({ endorse: [], submit: [], status: [gatewayError('CommitStatusError', 4), MVCC] });
    const statusOf = jest.fn(async () => Promise.resolve({ code: MVCC as 11, successful: false }));
    const err = await new GatewayContract({ contract, ownMspId: 'BangKhlaMSP', peer: 'p', retry: fast, statusOf }).submit('DispenseCycle').catch((e: unknown) => e);
    expect(statusOf).toHaveBeenCalledWith('tx1');
    expect(calls.txIds).toEqual(['tx1']);
    expect((err as ApiError).code).toBe('LEDGER_CONFLICT');
  });

  it('sends the same transaction again when its peer does not have it yet', async () => {
    const { contract, calls } = fakeContract({ endorse: [], submit: [], status: [gatewayError('CommitStatusError', 4), VALID] });
    const statusOf = jest.fn(async () => Promise.reject(new Error('no such transaction ID')));
    await new GatewayContract({ contract, ownMspId: 'BangKhlaMSP', peer: 'p', retry: fast, statusOf }).submit('AcceptReferral');
    expect(calls.txIds).toEqual(['tx1', 'tx1']);
  });

  it('takes the first copy’s outcome when a resubmitted copy is a duplicate', async () => {
    const { contract } = fakeContract({ endorse: [], submit: [], status: [DUPLICATE] });
    const statusOf = jest.fn(async () => Promise.resolve({ code: VALID as 0, successful: true }));
    const done = await new GatewayContract({ contract, ownMspId: 'BangKhlaMSP', peer: 'p', retry: fast, statusOf }).submit('AcceptReferral');
    expect(statusOf).toHaveBeenCalledWith('tx1');
    expect(done.transactionId).toBe('tx1');
  });

  it.each([
    ['an MVCC conflict', MVCC],
    ['a state-based policy changed by a concurrent transaction', 10],
  ])('reports %s as LEDGER_CONFLICT', async (_what, code) => {
    const { contract } = fakeContract({ endorse: [], submit: [], status: [code] });
    const err = await new GatewayContract({ contract, ownMspId: 'BangKhlaMSP', peer: 'p', retry: fast }).submit('AcceptReferral').catch((e: unknown) => e);
    expect((err as ApiError).code).toBe('LEDGER_CONFLICT');
    expect((err as ApiError).status).toBe(409);
  });

  it('says PEER_UNAVAILABLE when the caller’s own peer cannot be reached', async () => {
    const down = gatewayError('GatewayError', 14);
    const { contract, calls } = fakeContract({ endorse: [down, down, down, down], submit: [], status: [] });
    const err = await new GatewayContract({ contract, ownMspId: 'BanPhoMSP', peer: 'peer0.banpho.cco.th', retry: fast }).evaluate('Ping').catch((e: unknown) => e);
    expect((err as ApiError).code).toBe('PEER_UNAVAILABLE');
    expect((err as ApiError).message).toContain('BanPhoMSP');
    expect(calls.endorse).toBe(4);
  });
});

describe('GatewayContract and a peer that has not caught up', () => {
  const notFound = (): Error =>
    gatewayError('EndorseError', 10, [{ mspId: 'BuddhasothornMSP', message: 'chaincode response 500, REFERRAL_NOT_FOUND: referral R-1 does not exist' }]);

  it('asks again when a just-created record is not found yet', async () => {
    const { contract, calls } = fakeContract({ endorse: [notFound()], submit: [], status: [VALID] });
    await new GatewayContract({ contract, ownMspId: 'BuddhasothornMSP', peer: 'p', retry: { ...fast, lagRetries: 3 } }).submit('AcceptReferral');
    expect(calls.endorse).toBe(2);
  });

  it('believes a record that stays not found', async () => {
    const { contract, calls } = fakeContract({ endorse: [notFound(), notFound(), notFound(), notFound()], submit: [], status: [] });
    const err = await new GatewayContract({ contract, ownMspId: 'BuddhasothornMSP', peer: 'p', retry: { ...fast, lagRetries: 2 } })
      .submit('AcceptReferral')
      .catch((e: unknown) => e);
    expect((err as ApiError).code).toBe('REFERRAL_NOT_FOUND');
    expect(calls.endorse).toBe(3);
  });
});
