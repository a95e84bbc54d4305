import { readFileSync } from 'node:fs';
import path from 'node:path';
import { derInteger } from './asn1-der';
import { blockDataHash, blockHeaderBytes, blockHeaderHash } from './block-hash';
import { decodeBlock } from './fabric-block';

const raw = (n: number): Buffer => readFileSync(path.join(__dirname, 'test-fixtures', `block-${n}.pb`));

describe('block hashes (real blocks of the referrals channel)', () => {
  it.each([54, 55, 56, 57])('hash of block %i header is the previous_hash of the next block', (n) => {
    expect(blockHeaderHash(decodeBlock(raw(n))).equals(decodeBlock(raw(n + 1)).previousHash)).toBe(true);
  });

  it.each([12, 35, 36, 54, 57, 58])('data hash of block %i is SHA-256 over its raw envelopes', (n) => {
    const block = decodeBlock(raw(n));
    expect(blockDataHash(block.data).equals(block.dataHash)).toBe(true);
  });

  it('a flipped byte in one envelope changes the data hash', () => {
    const block = decodeBlock(raw(57));
    const data = block.data.map((entry) => Buffer.from(entry));
    const first = data[0] ?? Buffer.alloc(0);
    first[100] = (first[100] ?? 0) ^ 0x01;
    expect(blockDataHash(data).equals(block.dataHash)).toBe(false);
  });

  it('encodes the header as DER SEQUENCE { INTEGER, OCTET STRING, OCTET STRING }', () => {
    const bytes = blockHeaderBytes({ number: 128n, previousHash: Buffer.alloc(32, 1), dataHash: Buffer.alloc(32, 2) });
    expect(bytes.subarray(0, 6).toString('hex')).toBe('304802020080');
    expect(bytes.length).toBe(2 + 4 + 34 + 34);
  });

  it.each<[bigint, string]>([
    [0n, '020100'],
    [127n, '02017f'],
    [128n, '02020080'],
    [256n, '02020100'],
    [2n ** 40n, '0206010000000000'],
  ])('DER INTEGER %s', (value, hex) => {
    expect(derInteger(value).toString('hex')).toBe(hex);
  });
});
