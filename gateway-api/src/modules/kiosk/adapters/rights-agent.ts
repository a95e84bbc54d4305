/** What the NHSO smart-card agent reads from the card and the NHSO rights service (domain-standards §6). */
export interface CardRead {
  readonly pid: string;
  readonly correlationId: string;
  readonly titleTh: string;
  readonly fnameTh: string;
  readonly lnameTh: string;
  readonly birthDate: string;
  readonly mainInscl: string;
  readonly subInscl: string;
  readonly hospMain: string;
  readonly hospSub: string;
  readonly claimTypes: readonly string[];
  /** True when the right is no longer valid (the patient may still pay as self-pay). */
  readonly expired: boolean;
}

/** Request to open the right for today's visit (`confirm-save`). */
export interface OpenRightRequest {
  readonly pid: string;
  readonly claimType: string;
  readonly mobile: string;
  readonly correlationId: string;
  readonly hn: string;
  readonly hcode: string;
}

/**
 * The NHSO smart-card agent at a kiosk point, behind an interface (house style 6). The NHSO token lives with the
 * agent or the gateway's secret store and is never returned by any method.
 */
export interface RightsAgent {
  /**
   * Reads the card in the reader at kiosk `point`. `simulatedPid` says which card is "inserted" and is honoured by
   * the simulator only. Throws ApiError CARD_UNKNOWN, RIGHTS_AGENT_TIMEOUT or RIGHTS_AGENT_ERROR.
   */
  readCard(point: string, simulatedPid?: string): Promise<CardRead>;
  /**
   * The right of citizen `pid` without a card in the reader (the agent's right check by national ID), used when
   * the patient identifies with the wallet's Health ID QR. Same answer and errors as {@link readCard}.
   */
  rightByPid(point: string, pid: string): Promise<CardRead>;
  /** Opens the right for the visit and returns the Authen Code (claimCode). Throws RIGHT_EXPIRED and the above. */
  openRight(request: OpenRightRequest): Promise<{ claimCode: string }>;
  /** Closes the right after payment (ปิดสิทธิ; the NHSO endpoint is still to be verified). */
  closeRight(request: Readonly<{ pid: string; claimCode: string; hcode: string }>): Promise<void>;
}

/** General OPD claim type (confirm-save). */
export const GENERAL_OPD_CLAIM_TYPE = 'PG0060001';
