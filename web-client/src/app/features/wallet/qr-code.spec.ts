import { qrMatrix, qrSvgPath } from './qr-code';

/**
 * Reads a matrix back (format bits → mask → zigzag → byte-mode payload). The encoder itself was checked
 * module for module against segno 1.6.6 for 5 payloads × 8 masks (versions 1–3, level M).
 */
function decode(m: boolean[][]): { text: string; mask: number; level: number } {
  const size = m.length;
  let format = 0;
  for (let i = 14; i >= 9; i -= 1) format = (format << 1) | (m[8]![14 - i] ? 1 : 0);
  format = (format << 1) | (m[8]![7] ? 1 : 0);
  format = (format << 1) | (m[8]![8] ? 1 : 0);
  format = (format << 1) | (m[7]![8] ? 1 : 0);
  for (let i = 5; i >= 0; i -= 1) format = (format << 1) | (m[i]![8] ? 1 : 0);
  const data = (format ^ 0x5412) >>> 10;
  const mask = data & 7;
  const isFunction = (x: number, y: number): boolean =>
    x === 6 || y === 6 || (x < 9 && y < 9) || (x >= size - 8 && y < 9) || (x < 9 && y >= size - 8) || (size > 21 && Math.abs(x - (size - 7)) <= 2 && Math.abs(y - (size - 7)) <= 2);
  const masks = [
    (x: number, y: number) => (x + y) % 2 === 0,
    (_x: number, y: number) => y % 2 === 0,
    (x: number) => x % 3 === 0,
    (x: number, y: number) => (x + y) % 3 === 0,
    (x: number, y: number) => (Math.floor(x / 3) + Math.floor(y / 2)) % 2 === 0,
    (x: number, y: number) => ((x * y) % 2) + ((x * y) % 3) === 0,
    (x: number, y: number) => (((x * y) % 2) + ((x * y) % 3)) % 2 === 0,
    (x: number, y: number) => (((x + y) % 2) + ((x * y) % 3)) % 2 === 0,
  ];
  const bits: number[] = [];
  for (let right = size - 1; right >= 1; right -= 2) {
    if (right === 6) right = 5;
    for (let vert = 0; vert < size; vert += 1) {
      for (let j = 0; j < 2; j += 1) {
        const x = right - j;
        const y = ((right + 1) & 2) === 0 ? size - 1 - vert : vert;
        if (!isFunction(x, y)) bits.push((m[y]![x] ? 1 : 0) ^ (masks[mask]!(x, y) ? 1 : 0));
      }
    }
  }
  const read = (from: number, n: number): number => bits.slice(from, from + n).reduce((a, b) => (a << 1) | b, 0);
  expect(read(0, 4)).toBe(0b0100);
  const length = read(4, 8);
  const bytes = Array.from({ length }, (_, i) => read(12 + i * 8, 8));
  return { text: new TextDecoder().decode(new Uint8Array(bytes)), mask, level: data >>> 3 };
}

describe('qrMatrix', () => {
  it.each(['K7Q2M9XD4P-483920', 'A', 'x'.repeat(42), 'สวัสดี'])('round-trips %s', (text) => {
    const m = qrMatrix(text);
    expect(m.length).toBe(text === 'A' ? 21 : new TextEncoder().encode(text).length <= 26 ? 25 : 29);
    const decoded = decode(m);
    expect(decoded.text).toBe(text);
    expect(decoded.level).toBe(0); // M
  });

  it('draws the three finder patterns', () => {
    const m = qrMatrix('K7Q2M9XD4P-483920');
    for (const [x0, y0] of [
      [0, 0],
      [18, 0],
      [0, 18],
    ] as const) {
      expect(m[y0]!.slice(x0, x0 + 7).every(Boolean)).toBe(true);
      expect(m[y0 + 1]![x0 + 1]).toBe(false);
      expect(m[y0 + 3]![x0 + 3]).toBe(true);
    }
  });

  it('refuses payloads over 42 bytes and renders an SVG path with a quiet zone', () => {
    expect(() => qrMatrix('x'.repeat(43))).toThrow(/too long/);
    const svg = qrSvgPath(qrMatrix('A'));
    expect(svg.size).toBe(29);
    expect(svg.path.startsWith('M4 4h1v1h-1z')).toBe(true);
  });
});
