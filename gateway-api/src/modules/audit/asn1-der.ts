/**
 * The little ASN.1 DER the auditor needs: encoding a Fabric block header
 * (SEQUENCE { INTEGER, OCTET STRING, OCTET STRING }) and reading one extension of an X.509 certificate.
 */

const TAG_INTEGER = 0x02;
const TAG_OCTET_STRING = 0x04;
const TAG_SEQUENCE = 0x30;

function encodeLength(length: number): Buffer {
  if (length < 0x80) return Buffer.from([length]);
  const bytes: number[] = [];
  for (let rest = length; rest > 0; rest = Math.floor(rest / 256)) bytes.unshift(rest % 256);
  return Buffer.from([0x80 | bytes.length, ...bytes]);
}

function tlv(tag: number, content: Uint8Array): Buffer {
  return Buffer.concat([Buffer.from([tag]), encodeLength(content.length), content]);
}

/** DER INTEGER of a non-negative integer (minimal two's-complement bytes). */
export function derInteger(value: bigint): Buffer {
  if (value < 0n) throw new RangeError('derInteger: negative values are not used by Fabric block headers');
  let hex = value.toString(16);
  if (hex.length % 2 === 1) hex = `0${hex}`;
  let bytes = Buffer.from(hex, 'hex');
  if ((bytes[0] ?? 0) & 0x80) bytes = Buffer.concat([Buffer.from([0]), bytes]);
  return tlv(TAG_INTEGER, bytes);
}

/** DER OCTET STRING. */
export function derOctetString(bytes: Uint8Array): Buffer {
  return tlv(TAG_OCTET_STRING, bytes);
}

/** DER SEQUENCE of already encoded elements. */
export function derSequence(...elements: Uint8Array[]): Buffer {
  return tlv(TAG_SEQUENCE, Buffer.concat(elements));
}

/** One DER element: its tag, its content and where the next element starts. */
export interface DerElement {
  readonly tag: number;
  readonly content: Buffer;
  readonly end: number;
}

/**
 * Reads the element starting at `offset`.
 *
 * @throws RangeError when the bytes are not DER
 */
export function readDer(bytes: Buffer, offset = 0): DerElement {
  const tag = bytes[offset];
  const first = bytes[offset + 1];
  if (tag === undefined || first === undefined) throw new RangeError('DER: truncated element');
  let length = first;
  let start = offset + 2;
  if (first & 0x80) {
    const count = first & 0x7f;
    if (count === 0 || count > 4) throw new RangeError('DER: unsupported length');
    length = 0;
    for (let i = 0; i < count; i++) {
      const b = bytes[start + i];
      if (b === undefined) throw new RangeError('DER: truncated length');
      length = length * 256 + b;
    }
    start += count;
  }
  const end = start + length;
  if (end > bytes.length) throw new RangeError('DER: element runs past the end');
  return { tag, content: bytes.subarray(start, end), end };
}

/** The DER children of a constructed element's content. */
export function derChildren(content: Buffer): DerElement[] {
  const children: DerElement[] = [];
  for (let offset = 0; offset < content.length; ) {
    const child = readDer(content, offset);
    children.push(child);
    offset = child.end;
  }
  return children;
}

/** DER encoding of a dotted object identifier, content only (no tag/length). */
export function oidContent(oid: string): Buffer {
  const arcs = oid.split('.').map((arc) => Number(arc));
  const [a = 0, b = 0, ...rest] = arcs;
  const out: number[] = [a * 40 + b];
  for (const arc of rest) {
    const chunk: number[] = [arc & 0x7f];
    for (let v = Math.floor(arc / 128); v > 0; v = Math.floor(v / 128)) chunk.unshift((v & 0x7f) | 0x80);
    out.push(...chunk);
  }
  return Buffer.from(out);
}

/**
 * The value (the OCTET STRING content) of the X.509 v3 extension `oid` in a DER certificate.
 *
 * @returns undefined when the certificate has no such extension
 */
export function certificateExtension(certificateDer: Buffer, oid: string): Buffer | undefined {
  const wanted = oidContent(oid);
  const certificate = readDer(certificateDer);
  const [tbs] = derChildren(certificate.content);
  if (tbs === undefined) return undefined;
  // extensions are the [3] EXPLICIT field of TBSCertificate
  const extensionsField = derChildren(tbs.content).find((element) => element.tag === 0xa3);
  if (extensionsField === undefined) return undefined;
  const [extensions] = derChildren(extensionsField.content);
  if (extensions === undefined) return undefined;
  for (const extension of derChildren(extensions.content)) {
    const parts = derChildren(extension.content);
    const id = parts[0];
    const value = parts[parts.length - 1];
    if (id !== undefined && value !== undefined && id.tag === 0x06 && id.content.equals(wanted) && value.tag === TAG_OCTET_STRING) {
      return value.content;
    }
  }
  return undefined;
}
