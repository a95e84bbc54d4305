import { z } from 'zod';

/** Header type of endorser (chaincode) transactions in a block envelope. */
const ENDORSER_TRANSACTION = 3;
/** Validation code of a valid transaction in the block's TRANSACTIONS_FILTER metadata. */
const VALID = 0;
/** Index of TRANSACTIONS_FILTER in the block metadata. */
const TRANSACTIONS_FILTER = 2;

/** One committed, valid transaction of the referral chaincode that emitted `ReferralChanged`. */
export interface ReferralChange {
  readonly txId: string;
  readonly blockNumber: number;
  /** Position of the transaction's envelope in the block. */
  readonly txIndex: number;
  /** Transaction timestamp (ISO), set by the client that proposed it. */
  readonly timestamp: string;
  /** The event payload, parsed as JSON (undefined when it is not JSON). */
  readonly payload: unknown;
  /** Referral records the transaction wrote, by referral id, parsed as JSON. */
  readonly written: ReadonlyMap<string, unknown>;
}

/** Which chaincode and event to pick out of blocks. */
export interface ChangeSelector {
  readonly chaincode: string;
  readonly eventName: string;
  /** Composite-key object type of the referral records (`referral`). */
  readonly keyType: string;
}

const bytes = z.custom<Uint8Array>((value) => value instanceof Uint8Array, 'bytes');

const channelHeaderSchema = z.object({
  type: z.union([z.number(), z.string()]),
  tx_id: z.string(),
  timestamp: z.union([z.string(), z.date(), z.number()]).optional(),
});

const envelopeSchema = z.object({
  payload: z.object({ header: z.object({ channel_header: channelHeaderSchema }), data: z.unknown() }),
});

const chaincodeActionSchema = z.object({
  results: z
    .object({
      ns_rwset: z
        .array(
          z.object({
            namespace: z.string(),
            rwset: z.object({ writes: z.array(z.object({ key: z.string(), is_delete: z.boolean().nullish(), value: bytes.nullish() })).nullish() }).nullish(),
          }),
        )
        .nullish(),
    })
    .nullish(),
  events: z.object({ chaincode_id: z.string().nullish(), event_name: z.string().nullish(), payload: bytes.nullish() }).nullish(),
});

const transactionSchema = z.object({
  actions: z.array(z.object({ payload: z.object({ action: z.object({ proposal_response_payload: z.object({ extension: chaincodeActionSchema }) }) }) })),
});

const blockSchema = z.object({
  data: z.object({ data: z.array(z.unknown()) }),
  metadata: z.object({ metadata: z.array(z.unknown()) }),
});

function json(value: Uint8Array | null | undefined): unknown {
  if (value === undefined || value === null || value.length === 0) return undefined;
  try {
    return JSON.parse(Buffer.from(value).toString('utf8')) as unknown;
  } catch {
    return undefined;
  }
}

function isoTime(value: string | Date | number | undefined): string {
  if (value === undefined) return new Date(0).toISOString();
  const date = value instanceof Date ? value : new Date(value);
  return Number.isNaN(date.getTime()) ? new Date(0).toISOString() : date.toISOString();
}

function validationCodes(metadata: readonly unknown[]): ArrayLike<number> | undefined {
  const codes = metadata[TRANSACTIONS_FILTER];
  if (codes instanceof Uint8Array) return codes;
  if (Array.isArray(codes) && codes.every((c) => typeof c === 'number')) return codes;
  return undefined;
}

/** `\u0000referral\u0000<id>\u0000` → `<id>`; other keys → undefined. */
function referralIdOfKey(key: string, keyType: string): string | undefined {
  const parts = key.split('\u0000');
  // composite key: '' , objectType, attr..., ''
  if (parts.length === 4 && parts[0] === '' && parts[1] === keyType && parts[3] === '') return parts[2];
  return undefined;
}

/**
 * Picks the referral changes out of a full block in the decoded shape of block-shape.ts: valid endorser
 * transactions whose referral-chaincode action emitted `ReferralChanged`, in block order, with the
 * event payload and the referral records each one wrote.
 *
 * @param warn told about transactions that look like referral changes but cannot be read
 */
export function referralChangesOf(blockNumber: number, block: unknown, selector: ChangeSelector, warn: (line: string) => void = () => undefined): ReferralChange[] {
  const parsedBlock = blockSchema.safeParse(block);
  if (!parsedBlock.success) {
    warn(`block ${blockNumber}: not a full block (${parsedBlock.error.issues[0]?.message ?? 'unknown shape'}); skipped`);
    return [];
  }
  const codes = validationCodes(parsedBlock.data.metadata.metadata);
  const changes: ReferralChange[] = [];
  parsedBlock.data.data.data.forEach((raw, txIndex) => {
    const envelope = envelopeSchema.safeParse(raw);
    if (!envelope.success) return;
    const header = envelope.data.payload.header.channel_header;
    if (header.type !== ENDORSER_TRANSACTION && header.type !== 'ENDORSER_TRANSACTION') return;
    if (codes === undefined || codes[txIndex] !== VALID) return;
    const transaction = transactionSchema.safeParse(envelope.data.payload.data);
    if (!transaction.success) {
      warn(`block ${blockNumber} tx ${header.tx_id}: unreadable transaction; skipped`);
      return;
    }
    for (const action of transaction.data.actions) {
      const extension = action.payload.action.proposal_response_payload.extension;
      const event = extension.events;
      if (event?.chaincode_id !== selector.chaincode || event.event_name !== selector.eventName) continue;
      const written = new Map<string, unknown>();
      for (const ns of extension.results?.ns_rwset ?? []) {
        if (ns.namespace !== selector.chaincode) continue;
        for (const write of ns.rwset?.writes ?? []) {
          const id = referralIdOfKey(write.key, selector.keyType);
          if (id !== undefined && write.is_delete !== true) written.set(id, json(write.value));
        }
      }
      changes.push({ txId: header.tx_id, blockNumber, txIndex, timestamp: isoTime(header.timestamp), payload: json(event.payload), written });
    }
  });
  return changes;
}
