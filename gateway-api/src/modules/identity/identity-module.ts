import type { Connection } from 'mongoose';
import type { NetworkTopology } from '../../fabric/network-topology';
import type { UnitRegistry } from '../../units/unit-registry';
import type { UserDirectory } from '../auth/user-directory';
import { hashPassword } from '../auth/password';
import { FabricCaAdmin } from './ca-admin';
import { MongoIdentityStore, type IdentityStore } from './identity-store';
import { IdentityStatusRegistry } from './identity-status';
import { IdentityService } from './identity.service';
import { KeyWallet } from './key-wallet';
import { MongoTotpStore, SecondFactor, type TotpStore } from './second-factor';

/** The wired identity module; `ready(connection)` creates indexes and loads statuses once the store is up. */
export interface IdentityModule {
  readonly service: IdentityService;
  readonly status: IdentityStatusRegistry;
  /** TOTP second factor of administrators and auditors (checked at sign-in). */
  readonly secondFactor: SecondFactor;
  ready(connection: Connection): Promise<void>;
}

/** A store that refuses until the query store is open (the gateway starts before it). */
class DeferredStore {
  public target: IdentityStore | undefined;
}

export function createIdentity(options: Readonly<{ rootDir: string; runtimeDir: string; topology: NetworkTopology; units: UnitRegistry; users: UserDirectory; forgetConnection: (username: string) => void; log: (line: string) => void }>): IdentityModule {
  const status = new IdentityStatusRegistry();
  const deferred = new DeferredStore();
  let totpStore: TotpStore | undefined;
  const secondFactor = new SecondFactor({ store: () => totpStore, wallet: KeyWallet.fromEnvironment(options.runtimeDir) });
  const store = new Proxy({} as IdentityStore, {
    get(_t, prop: keyof IdentityStore) {
      const target = deferred.target;
      if (target === undefined) {
        return async () => {
          const { ApiError } = await import('../../http/api-error');
          throw new ApiError('STORE_UNAVAILABLE', 'the identity store is not open yet; try again');
        };
      }
      const value = target[prop];
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
  const service = new IdentityService({
    store,
    cas: new FabricCaAdmin({ rootDir: options.rootDir, runtimeDir: options.runtimeDir }),
    directory: options.users,
    units: options.units,
    orgs: options.topology.peerOrgs.map((o) => ({ key: o.key, mspId: o.mspId, hcode: o.hcode })),
    status,
    hashPassword,
    forgetConnection: options.forgetConnection,
    log: options.log,
  });
  return {
    service,
    status,
    secondFactor,
    ready: async (connection) => {
      const mongo = new MongoIdentityStore(connection);
      await mongo.createIndexes();
      deferred.target = mongo;
      await service.load();
      totpStore = new MongoTotpStore(connection);
      await secondFactor.load();
      options.log('identity: administration store ready');
    },
  };
}
