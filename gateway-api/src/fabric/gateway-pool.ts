import { readFileSync } from 'node:fs';
import path from 'node:path';
import { DefaultEventHandlerStrategies, Gateway, Wallets, type Contract, type Network, type X509Identity } from 'fabric-network';
import { ApiError } from '../http/api-error';
import { connectionProfileFor } from './connection-profile';
import type { NetworkTopology } from './network-topology';

/** What a signed-in user needs to reach the ledger as themselves. */
export interface UserConnection {
  readonly network: Network;
  readonly contract: Contract;
}

/** The identity of one staff member: their own certificate and key, issued by their organisation. */
export interface StaffIdentity {
  readonly username: string;
  readonly mspId: string;
}

/**
 * One fabric-network Gateway per staff identity, created on first use and reused: every
 * transaction is signed with the caller's own X.509 identity through their organisation's peer.
 */
export class GatewayPool {
  readonly #topology: NetworkTopology;
  readonly #runtimeDir: string;
  readonly #connections = new Map<string, Promise<{ gateway: Gateway } & UserConnection>>();

  public constructor(options: Readonly<{ topology: NetworkTopology; runtimeDir: string }>) {
    this.#topology = options.topology;
    this.#runtimeDir = options.runtimeDir;
  }

  /** The caller's connection; connects on first use. */
  public async connectionFor(staff: StaffIdentity): Promise<UserConnection> {
    let pending = this.#connections.get(staff.username);
    if (pending === undefined) {
      pending = this.#connect(staff);
      this.#connections.set(staff.username, pending);
      pending.catch(() => this.#connections.delete(staff.username));
    }
    return pending;
  }

  async #connect(staff: StaffIdentity): Promise<{ gateway: Gateway } & UserConnection> {
    const org = this.#topology.peerOrgs.find((o) => o.mspId === staff.mspId);
    if (org === undefined) throw new ApiError('FORBIDDEN_UNIT', `organisation ${staff.mspId} is not on the network`);
    const dir = path.join(this.#runtimeDir, 'users', staff.username);
    let certificate: string;
    let privateKey: string;
    try {
      certificate = readFileSync(path.join(dir, 'cert.pem'), 'utf8');
      privateKey = readFileSync(path.join(dir, 'key.pem'), 'utf8');
    } catch (err) {
      throw new ApiError('LEDGER_UNAVAILABLE', `no ledger identity issued for ${staff.username}`, undefined, { cause: err });
    }
    const wallet = await Wallets.newInMemoryWallet();
    const identity: X509Identity = { credentials: { certificate, privateKey }, mspId: staff.mspId, type: 'X.509' };
    await wallet.put(staff.username, identity);
    const gateway = new Gateway();
    await gateway.connect(connectionProfileFor(this.#topology, org, path.join(this.#runtimeDir, 'crypto')), {
      wallet,
      identity: staff.username,
      discovery: { enabled: true, asLocalhost: true },
      eventHandlerOptions: { strategy: DefaultEventHandlerStrategies.NETWORK_SCOPE_ALLFORTX, commitTimeout: 60, endorseTimeout: 30 },
    });
    const network = await gateway.getNetwork(this.#topology.channel);
    return { gateway, network, contract: network.getContract(this.#topology.chaincode.name) };
  }

  /** Disconnects every gateway. */
  public async close(): Promise<void> {
    const all = [...this.#connections.values()];
    this.#connections.clear();
    for (const pending of all.reverse()) {
      try {
        (await pending).gateway.disconnect();
      } catch {
        // a connection that never opened has nothing to close
      }
    }
  }
}
