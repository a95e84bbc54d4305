import { randomInt, randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { ApiError } from '../../../http/api-error';
import type { SimulatedCard } from '../kiosk-fixtures';
import type { CardRead, OpenRightRequest, RightsAgent } from './rights-agent';

/** How the simulated agent answers for a card. */
export type AgentBehaviour = SimulatedCard['behaviour'];

/** Options of {@link RightsAgentSimulator}. */
export interface RightsAgentSimulatorOptions {
  readonly cards: readonly SimulatedCard[];
  /** How long a "timeout" card keeps the caller waiting before RIGHTS_AGENT_TIMEOUT (default 50 ms). */
  readonly timeoutMs?: number;
}

/**
 * The NHSO smart-card agent for development and tests: cards come from fixtures/kiosk/simulator.json and each
 * card's behaviour (ok, expired, timeout, agent-error) can be changed at run time with {@link setBehaviour}.
 */
export class RightsAgentSimulator implements RightsAgent {
  readonly #cards: Map<string, SimulatedCard>;
  readonly #behaviour = new Map<string, AgentBehaviour>();
  readonly #timeoutMs: number;
  readonly #open = new Map<string, string>();
  /** Rights closed so far (claim codes), for tests. */
  public readonly closed: string[] = [];

  public constructor(options: Readonly<RightsAgentSimulatorOptions>) {
    this.#cards = new Map(options.cards.map((c) => [c.pid, c]));
    this.#timeoutMs = options.timeoutMs ?? 50;
  }

  /** Makes the agent answer `behaviour` for card `pid` from now on. */
  public setBehaviour(pid: string, behaviour: AgentBehaviour): void {
    this.#behaviour.set(pid, behaviour);
  }

  public async readCard(_point: string, simulatedPid?: string): Promise<CardRead> {
    const card = await this.#card(simulatedPid);
    const { pid, titleTh, fnameTh, lnameTh, birthDate, mainInscl, subInscl, hospMain, hospSub, claimTypes } = card;
    return { pid, correlationId: randomUUID(), titleTh, fnameTh, lnameTh, birthDate, mainInscl, subInscl, hospMain, hospSub, claimTypes, expired: this.#behaviourOf(card) === 'expired' };
  }

  public async rightByPid(point: string, pid: string): Promise<CardRead> {
    return this.readCard(point, pid);
  }

  public async openRight(request: OpenRightRequest): Promise<{ claimCode: string }> {
    const card = await this.#card(request.pid);
    if (this.#behaviourOf(card) === 'expired') throw new ApiError('RIGHT_EXPIRED', 'the right on this card has expired; the patient may pay as self-pay');
    if (!card.claimTypes.includes(request.claimType)) throw new ApiError('RIGHT_NOT_OPENABLE', `claim type ${request.claimType} is not available for this right`);
    const claimCode = `PP${String(randomInt(1_000_000_000, 9_999_999_999))}`;
    this.#open.set(claimCode, card.pid);
    return { claimCode };
  }

  public async closeRight(request: Readonly<{ pid: string; claimCode: string; hcode: string }>): Promise<void> {
    await this.#card(request.pid);
    if (this.#open.get(request.claimCode) !== request.pid) throw new ApiError('RIGHTS_AGENT_ERROR', 'the agent does not know this Authen Code');
    this.#open.delete(request.claimCode);
    this.closed.push(request.claimCode);
  }

  #behaviourOf(card: SimulatedCard): AgentBehaviour {
    return this.#behaviour.get(card.pid) ?? card.behaviour;
  }

  async #card(pid: string | undefined): Promise<SimulatedCard> {
    const card = pid === undefined ? undefined : this.#cards.get(pid);
    if (card === undefined) throw new ApiError('CARD_UNKNOWN', 'the card could not be read or is not a Thai national ID card known to the agent');
    const behaviour = this.#behaviourOf(card);
    if (behaviour === 'timeout') {
      await sleep(this.#timeoutMs);
      throw new ApiError('RIGHTS_AGENT_TIMEOUT', 'the NHSO agent did not answer in time; try again or call staff');
    }
    if (behaviour === 'agent-error') throw new ApiError('RIGHTS_AGENT_ERROR', 'the NHSO agent reported an error; call staff');
    return card;
  }
}
