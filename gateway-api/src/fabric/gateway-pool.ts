import { createPrivateKey } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import * as grpc from '@grpc/grpc-js';
import { connect, hash, signers, type Gateway, type Network } from '@hyperledger/fabric-gateway';
import { peer } from '@hyperledger/fabric-protos';
import { ApiError } from '../http/api-error';
import { GatewayContract, type RetryPolicy, type TransactionStatusLookup } from './gateway-contract';
import type { LedgerAccess, LedgerContract } from './ledger-contract';
import { signingPairFor } from './native-signer';
import type { NetworkTopology, PeerOrg } from './network-topology';
import type { StaffIdentity } from './staff-identity';
import { KeyWallet } from '../modules/identity/key-wallet';

export type { StaffIdentity } from './staff-identity';

/** What a signed-in user needs to reach the ledger as themselves. */
export interface UserConnection {
  /** The channel, for block events and system chaincode queries (qscc). */
  readonly network: Network;
  /** The default contract of the chaincode (ReferralContract). */
  readonly contract: LedgerContract;
}

interface OpenGateway {
  readonly gateway: Gateway;
  readonly network: Network;
  readonly org: PeerOrg;
}

/** Deadlines of each gRPC call to the organisation's peer (ms). */
const DEADLINES = { evaluate: 15_000, endorse: 30_000, submit: 15_000, commitStatus: 60_000, blocks: 0 };

/**
 * One Fabric Gateway connection (`@hyperledger/fabric-gateway`) per staff identity, created on first use and
 * reused; one gRPC channel per organisation's peer, shared by all its users. Every transaction is signed
 * with the caller's own X.509 identity and goes through their own organisation's peer, whose Gateway service
 * collects the other organisations' endorsements and submits to the ordering service.
 */
export class GatewayPool implements LedgerAccess {
  readonly #topology: NetworkTopology;
  readonly #runtimeDir: string;
  readonly #retry: RetryPolicy | undefined;
  readonly #clients = new Map<string, grpc.Client>();
  readonly #gateways = new Map<string, Promise<OpenGateway>>();
  readonly #wallet: KeyWallet;

  public constructor(options: Readonly<{ topology: NetworkTopology; runtimeDir: string; retry?: RetryPolicy }>) {
    this.#topology = options.topology;
    this.#runtimeDir = options.runtimeDir;
    this.#retry = options.retry;
    this.#wallet = KeyWallet.fromEnvironment(options.runtimeDir);
  }

  /** The caller's channel and default contract; connects on first use. */
  public async connectionFor(staff: StaffIdentity): Promise<UserConnection> {
    const open = await this.#open(staff);
    return { network: open.network, contract: this.#contract(open, undefined) };
  }

  /** One contract of the chaincode (e.g. 'PharmacyContract'), as the caller. */
  public async contractFor(staff: StaffIdentity, contractName?: string, retry?: RetryPolicy): Promise<LedgerContract> {
    return this.#contract(await this.#open(staff), contractName, retry);
  }

  #contract(open: OpenGateway, contractName: string | undefined, retry = this.#retry): LedgerContract {
    const contract = open.network.getContract(this.#topology.chaincode.name, contractName);
    const qscc = open.network.getContract('qscc');
    const statusOf: TransactionStatusLookup = async (transactionId) => {
      const processed = peer.ProcessedTransaction.deserializeBinary(await qscc.evaluateTransaction('GetTransactionByID', open.network.getName(), transactionId));
      const code = processed.getValidationcode() as Awaited<ReturnType<TransactionStatusLookup>>['code'];
      return { code, successful: code === peer.TxValidationCode.VALID };
    };
    return new GatewayContract({ contract, ownMspId: open.org.mspId, peer: open.org.peer.name, retry, statusOf });
  }

  async #open(staff: StaffIdentity): Promise<OpenGateway> {
    let pending = this.#gateways.get(staff.username);
    if (pending === undefined) {
      pending = this.#connect(staff);
      this.#gateways.set(staff.username, pending);
      pending.catch(() => this.#gateways.delete(staff.username));
    }
    return pending;
  }

  async #connect(staff: StaffIdentity): Promise<OpenGateway> {
    const org = this.#topology.peerOrgs.find((o) => o.mspId === staff.mspId);
    if (org === undefined) throw new ApiError('FORBIDDEN_UNIT', `organisation ${staff.mspId} is not on the network`);
    const dir = path.join(this.#runtimeDir, 'users', staff.username);
    let certificate: Buffer;
    let privateKey: ReturnType<typeof createPrivateKey>;
    try {
      certificate = readFileSync(path.join(dir, 'cert.pem'));
      // sealed under the key-encryption key (identity, issue 15); opened only in memory
      privateKey = this.#wallet.privateKeyOf(dir, staff.username);
    } catch (err) {
      throw new ApiError('LEDGER_UNAVAILABLE', `no ledger identity issued for ${staff.username}`, undefined, { cause: err });
    }
    // OpenSSL signs (see native-signer.ts): the client's own P-256 signer was a fifth of the gateway's CPU
    const { signer, hash: hashOf } = signingPairFor(privateKey, () => ({ signer: signers.newPrivateKeySigner(privateKey), hash: hash.sha256 }));
    const gateway = connect({
      client: this.#clientFor(org),
      identity: { mspId: staff.mspId, credentials: certificate },
      signer,
      hash: hashOf,
      evaluateOptions: () => ({ deadline: Date.now() + DEADLINES.evaluate }),
      endorseOptions: () => ({ deadline: Date.now() + DEADLINES.endorse }),
      submitOptions: () => ({ deadline: Date.now() + DEADLINES.submit }),
      commitStatusOptions: () => ({ deadline: Date.now() + DEADLINES.commitStatus }),
    });
    return { gateway, network: gateway.getNetwork(this.#topology.channel), org };
  }

  /** The shared gRPC channel to an organisation's own peer (TLS, verified against the organisation's TLS CA). */
  #clientFor(org: PeerOrg): grpc.Client {
    let client = this.#clients.get(org.mspId);
    if (client === undefined) {
      const tlsCa = readFileSync(path.join(this.#runtimeDir, 'crypto', 'peerOrganizations', org.domain, 'tlsca', `tlsca.${org.domain}-cert.pem`));
      client = new grpc.Client(`${org.peer.address}:${String(org.peer.port)}`, grpc.credentials.createSsl(tlsCa), {
        'grpc.ssl_target_name_override': org.peer.name,
        'grpc.keepalive_time_ms': 30_000,
        'grpc.keepalive_timeout_ms': 10_000,
        'grpc.max_receive_message_length': 64 * 1024 * 1024,
      });
      this.#clients.set(org.mspId, client);
    }
    return client;
  }

  /** Closes every gateway, then every gRPC channel. */
  /** Drops a person's cached connection (their certificate was re-issued or revoked); the next call reconnects. */
  public forget(username: string): void {
    const pending = this.#gateways.get(username);
    this.#gateways.delete(username);
    pending?.then((open) => open.gateway.close()).catch(() => undefined);
  }

  public async close(): Promise<void> {
    const all = [...this.#gateways.values()];
    this.#gateways.clear();
    for (const pending of all) {
      try {
        (await pending).gateway.close();
      } catch {
        // a connection that never opened has nothing to close
      }
    }
    for (const client of this.#clients.values()) client.close();
    this.#clients.clear();
  }
}
