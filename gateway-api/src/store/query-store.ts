import type { GatewayPool } from '../fabric/gateway-pool';
import { blockStreamOf } from '../fabric/events/block-stream';
import { ProjectionListener, type DomainProjection } from '../fabric/events/projection-listener';
import type { ProjectorConfig } from '../fabric/events/projector-config';
import { ReferralClient } from '../fabric/referral-client';
import { ReferralSearchService } from '../modules/referral-search/referral-search.service';
import type { UnitRegistry } from '../units/unit-registry';
import { CachedSearchRepository } from './cached-search-repository';
import { CounterFlusher } from './counter-flusher';
import { MongoCheckpointer } from './mongo-checkpointer';
import { MongoProjectionRepository } from './mongo-projection-repository';
import { MongoReferralSearchRepository } from './mongo-referral-search-repository';
import { ScopeVersions } from './scope-versions';
import { StoreConnection } from './store-connection';

/** The running query store: the search service for the API, the projector, and how to stop both. */
export interface QueryStore {
  readonly search: ReferralSearchService;
  readonly store: StoreConnection;
  readonly projector: ProjectionListener | undefined;
  /** The read cache in front of the store (when this process projects), for its hit figures. */
  readonly searchCache: CachedSearchRepository | undefined;
  /** Stops the projector (after its current block), then closes the store connection. */
  stop(): Promise<void>;
}

/**
 * Connects to the store (retrying in the background) and starts the ledger projector as the
 * configured identity. Nothing is awaited: the API answers 503 from the store until it is reachable.
 */
export function startQueryStore(
  deps: Readonly<{
    uri: string;
    pool: GatewayPool;
    units: UnitRegistry;
    projector: ProjectorConfig;
    log: (line: string) => void;
    /** Other domains' projections, made once the store connection exists. */
    domainProjections?: (store: StoreConnection) => readonly DomainProjection[];
  }>,
): QueryStore {
  const store = new StoreConnection({ uri: deps.uri, log: deps.log });
  store.open().catch((err: unknown) => {
    deps.log(`store: ${err instanceof Error ? err.message : String(err)}`);
  });
  // lists and statistics are served from memory while their scope is unchanged; only this process's projector
  // and flusher write the store, so they alone say what changed (docs/store.md, "Read cache")
  const versions = new ScopeVersions();
  const stored = new MongoReferralSearchRepository(store.models, deps.projector.enabled ? versions : undefined);
  const searchCache = deps.projector.enabled ? new CachedSearchRepository(stored, versions) : undefined;
  const search = new ReferralSearchService({ repository: searchCache ?? stored, units: deps.units });
  let projector: ProjectionListener | undefined;
  const flusher = new CounterFlusher(store.models, {
    log: deps.log,
    onCounted: (scopes) => {
      versions.changed(scopes);
    },
  });
  // changes left pending by a stop or crash are counted as soon as the store is reachable
  store.open().then(
    () => {
      flusher.schedule();
    },
    () => undefined,
  );
  if (deps.projector.enabled) {
    const identity = deps.projector.identity;
    projector = new ProjectionListener({
      storeReady: () => store.open(),
      connect: async () => {
        const connection = await deps.pool.connectionFor(identity);
        const client = new ReferralClient(connection.contract);
        return { blocks: async (startBlock: number) => blockStreamOf(connection.network, startBlock), fetchReferral: async (id: string) => client.get(id) };
      },
      store: new MongoProjectionRepository(store.models, flusher, versions),
      checkpointer: new MongoCheckpointer({ model: store.models.checkpoints, name: deps.projector.listenerName }),
      log: deps.log,
      domainProjections: deps.domainProjections?.(store) ?? [],
    });
    deps.log(`projector: following the ledger as ${identity.username} (${identity.mspId}), checkpoint "${deps.projector.listenerName}"`);
    projector.start();
  }
  return {
    search,
    store,
    projector,
    searchCache,
    stop: async () => {
      await projector?.stop();
      await flusher.stop();
      await store.close();
    },
  };
}
