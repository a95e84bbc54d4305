import type { LedgerAccess } from '../../fabric/ledger-contract';
import type { NetworkTopology } from '../../fabric/network-topology';
import type { StaffIdentity } from '../../fabric/staff-identity';

/** One organisation that another organisation's peer cannot reach for endorsement. */
export interface UnseenPair {
  readonly from: string;
  readonly to: string;
  readonly error: string;
}

/** The last check of who can see whom through discovery (gossip membership). */
export interface DiscoveryStatus {
  readonly checkedAt: string | undefined;
  readonly pairsChecked: number;
  /** Organisations that at least one other organisation's peer cannot see. */
  readonly degraded: readonly string[];
  readonly unseen: readonly UnseenPair[];
}

const NO_RETRY = { attempts: 1, initialDelayMs: 0, maxDelayMs: 0 };

/**
 * Checks, in the background, that every organisation's peer can reach every other organisation's peer the way
 * an endorsement does: each organisation's service identity evaluates `Ping` through its own peer, targeted at a
 * peer of each other organisation (the peer's Gateway picks it from discovery). A pair that fails names the
 * organisation that cannot be seen, so /api/health never says ok while referrals to it would fail.
 */
export class DiscoveryMonitor {
  readonly #ledger: LedgerAccess;
  readonly #topology: NetworkTopology;
  readonly #identities: ReadonlyMap<string, StaffIdentity>;
  readonly #intervalMs: number;
  #status: DiscoveryStatus = { checkedAt: undefined, pairsChecked: 0, degraded: [], unseen: [] };
  #timer: NodeJS.Timeout | undefined;
  #running: Promise<DiscoveryStatus> | undefined;

  public constructor(options: Readonly<{ ledger: LedgerAccess; topology: NetworkTopology; identities: ReadonlyMap<string, StaffIdentity>; intervalMs?: number }>) {
    this.#ledger = options.ledger;
    this.#topology = options.topology;
    this.#identities = options.identities;
    this.#intervalMs = options.intervalMs ?? 20_000;
  }

  public status(): DiscoveryStatus {
    return this.#status;
  }

  public start(): void {
    if (this.#timer !== undefined) return;
    void this.check();
    this.#timer = setInterval(() => void this.check(), this.#intervalMs);
    this.#timer.unref();
  }

  public stop(): void {
    if (this.#timer !== undefined) clearInterval(this.#timer);
    this.#timer = undefined;
  }

  /** Runs one full check (joins a check already running). */
  public async check(): Promise<DiscoveryStatus> {
    this.#running ??= this.#checkAll().finally(() => {
      this.#running = undefined;
    });
    return this.#running;
  }

  async #checkAll(): Promise<DiscoveryStatus> {
    const msps = this.#topology.peerOrgs.map((o) => o.mspId);
    const unseen: UnseenPair[] = [];
    let pairs = 0;
    await Promise.all(
      msps.map(async (from) => {
        const identity = this.#identities.get(from);
        if (identity === undefined) return;
        for (const to of msps) {
          if (to === from) continue;
          pairs++;
          try {
            const contract = await this.#ledger.contractFor(identity, undefined, NO_RETRY);
            await contract.evaluate('Ping', { targetOrganizations: [to] });
          } catch (err) {
            // the caller's own peer is down: the peer component says so; its view of the others is unknown
            if ((err as { code?: unknown }).code === 'PEER_UNAVAILABLE') return;
            const cause = err instanceof Error && err.cause instanceof Error ? err.cause.message : '';
            unseen.push({ from, to, error: [err instanceof Error ? err.message : String(err), cause].filter(Boolean).join(': ').slice(0, 300) });
          }
        }
      }),
    );
    this.#status = { checkedAt: new Date().toISOString(), pairsChecked: pairs, degraded: [...new Set(unseen.map((u) => u.to))].sort(), unseen };
    return this.#status;
  }
}
