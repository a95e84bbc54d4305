/**
 * PromptPay bill payment (EMVCo merchant-presented QR, tag 30) payloads and a small TLV decoder.
 * Field layout: domain-standards §7. CRC-16/CCITT-FALSE: poly 0x1021, init 0xFFFF, no reflection, xorout 0,
 * computed over the whole payload including the `6304` tag and length; 4 upper-case hex digits.
 */

/** Application ID of PromptPay domestic bill payment (tag 30, sub-tag 00). */
export const BILL_PAYMENT_AID = 'A000000677010112';

/** CRC-16/CCITT-FALSE of the UTF-8 bytes of `text`, as 4 upper-case hex digits. */
export function crc16CcittFalse(text: string): string {
  let crc = 0xffff;
  for (const byte of Buffer.from(text, 'utf8')) {
    crc ^= byte << 8;
    for (let bit = 0; bit < 8; bit += 1) {
      crc = (crc & 0x8000) !== 0 ? ((crc << 1) ^ 0x1021) & 0xffff : (crc << 1) & 0xffff;
    }
  }
  return crc.toString(16).toUpperCase().padStart(4, '0');
}

/** One TLV field: 2-digit id, 2-digit length, value (ASCII only, at most 99 characters). */
export function tlv(id: string, value: string): string {
  if (!/^\d{2}$/.test(id)) throw new RangeError(`EMV tag ${id} is not two digits`);
  if (!/^[\x20-\x7e]*$/.test(value)) throw new RangeError(`EMV tag ${id}: value must be printable ASCII`);
  if (value.length > 99) throw new RangeError(`EMV tag ${id}: value longer than 99 characters`);
  return `${id}${String(value.length).padStart(2, '0')}${value}`;
}

/** Inputs of a dynamic bill-payment QR. */
export interface BillPaymentQr {
  /** Biller ID: the hospital's 13-digit tax ID followed by a 2-digit suffix (15 digits). */
  readonly billerId: string;
  /** Ref1: HN or visit number (upper-case letters and digits, up to 20). */
  readonly ref1: string;
  /** Ref2: the receipt number (upper-case letters and digits, up to 20). */
  readonly ref2: string;
  /** Amount in baht, more than 0, 2 decimals. */
  readonly amount: number;
  /** Merchant name (tag 59), ASCII, optional. */
  readonly merchantName?: string;
}

const REF = /^[A-Z0-9]{1,20}$/;

/**
 * Builds the payload of a dynamic PromptPay bill-payment QR (point of initiation 12).
 *
 * @throws RangeError when a field is malformed
 * @example billPaymentPayload({ billerId: '099400012345600', ref1: '6500456', ref2: '2570000001', amount: 350 })
 */
export function billPaymentPayload(input: BillPaymentQr): string {
  if (!/^\d{15}$/.test(input.billerId)) throw new RangeError('billerId must be 15 digits (tax ID + 2-digit suffix)');
  if (!REF.test(input.ref1)) throw new RangeError('ref1 must be 1-20 upper-case letters or digits');
  if (!REF.test(input.ref2)) throw new RangeError('ref2 must be 1-20 upper-case letters or digits');
  if (!Number.isFinite(input.amount) || input.amount <= 0 || input.amount > 9_999_999.99) throw new RangeError('amount must be more than 0');
  const merchant = tlv('00', BILL_PAYMENT_AID) + tlv('01', input.billerId) + tlv('02', input.ref1) + tlv('03', input.ref2);
  const body =
    tlv('00', '01') +
    tlv('01', '12') +
    tlv('30', merchant) +
    tlv('53', '764') +
    tlv('54', input.amount.toFixed(2)) +
    tlv('58', 'TH') +
    (input.merchantName === undefined ? '' : tlv('59', input.merchantName.slice(0, 25))) +
    '6304';
  return body + crc16CcittFalse(body);
}

/** A decoded TLV list: tag → value, in order. */
export type EmvFields = ReadonlyMap<string, string>;

/**
 * Decodes a TLV string (top level or a template such as tag 30).
 *
 * @throws RangeError when a length runs past the end
 */
export function parseTlv(text: string): EmvFields {
  const fields = new Map<string, string>();
  let at = 0;
  while (at < text.length) {
    const id = text.slice(at, at + 2);
    const length = Number(text.slice(at + 2, at + 4));
    if (!/^\d{2}$/.test(id) || !Number.isInteger(length) || at + 4 + length > text.length) throw new RangeError(`malformed TLV at ${at}`);
    fields.set(id, text.slice(at + 4, at + 4 + length));
    at += 4 + length;
  }
  return fields;
}

/** True when the payload ends in `6304` + the CRC of everything before those 4 digits. */
export function hasValidCrc(payload: string): boolean {
  if (payload.length < 8 || payload.slice(-8, -4) !== '6304') return false;
  return crc16CcittFalse(payload.slice(0, -4)) === payload.slice(-4);
}
