/**
 * A small QR code encoder (ISO/IEC 18004) for the short Health ID proof: byte mode, error correction
 * level M, versions 1–3 (single Reed–Solomon block, up to 42 bytes), all 8 masks scored and the best kept.
 * Follows the structure of Project Nayuki's reference implementation (MIT). Returns the module matrix
 * (true = dark), row by row.
 */

/** Data codewords, error-correction codewords and alignment pattern position per version (level M). */
const VERSIONS: Record<number, { data: number; ecc: number; align: number[] }> = {
  1: { data: 16, ecc: 10, align: [] },
  2: { data: 28, ecc: 16, align: [6, 18] },
  3: { data: 44, ecc: 26, align: [6, 22] },
};

/** Encodes `text` (UTF-8) as a QR code matrix; throws when longer than 42 bytes. */
export function qrMatrix(text: string, forceMask?: number): boolean[][] {
  const bytes = [...new TextEncoder().encode(text)];
  const version = [1, 2, 3].find((v) => bytes.length + 2 <= (VERSIONS[v]?.data ?? 0));
  if (version === undefined) throw new Error('QR payload too long (max 42 bytes)');
  const spec = VERSIONS[version]!;
  const size = version * 4 + 17;

  // data bits: mode 0100, 8-bit count, bytes, terminator, padding
  const bits: number[] = [];
  const push = (value: number, length: number): void => {
    for (let i = length - 1; i >= 0; i -= 1) bits.push((value >>> i) & 1);
  };
  push(0b0100, 4);
  push(bytes.length, 8);
  for (const b of bytes) push(b, 8);
  const capacity = spec.data * 8;
  push(0, Math.min(4, capacity - bits.length));
  push(0, (8 - (bits.length % 8)) % 8);
  for (let pad = 0xec; bits.length < capacity; pad ^= 0xec ^ 0x11) push(pad, 8);
  const data: number[] = [];
  for (let i = 0; i < bits.length; i += 8) data.push(bits.slice(i, i + 8).reduce((acc, bit) => (acc << 1) | bit, 0));
  const codewords = [...data, ...reedSolomonRemainder(data, reedSolomonDivisor(spec.ecc))];

  const modules: boolean[][] = Array.from({ length: size }, () => Array<boolean>(size).fill(false));
  const isFunction: boolean[][] = Array.from({ length: size }, () => Array<boolean>(size).fill(false));
  const set = (x: number, y: number, dark: boolean): void => {
    modules[y]![x] = dark;
    isFunction[y]![x] = true;
  };

  // timing, finders, alignment, format placeholders, dark module
  for (let i = 0; i < size; i += 1) {
    set(6, i, i % 2 === 0);
    set(i, 6, i % 2 === 0);
  }
  for (const [cx, cy] of [
    [3, 3],
    [size - 4, 3],
    [3, size - 4],
  ] as const) {
    for (let dy = -4; dy <= 4; dy += 1) {
      for (let dx = -4; dx <= 4; dx += 1) {
        const dist = Math.max(Math.abs(dx), Math.abs(dy));
        const x = cx + dx;
        const y = cy + dy;
        if (x >= 0 && x < size && y >= 0 && y < size) set(x, y, dist !== 2 && dist !== 4);
      }
    }
  }
  const align = spec.align;
  for (let i = 0; i < align.length; i += 1) {
    for (let j = 0; j < align.length; j += 1) {
      if ((i === 0 && j === 0) || (i === 0 && j === align.length - 1) || (i === align.length - 1 && j === 0)) continue;
      for (let dy = -2; dy <= 2; dy += 1) {
        for (let dx = -2; dx <= 2; dx += 1) set(align[i]! + dx, align[j]! + dy, Math.max(Math.abs(dx), Math.abs(dy)) !== 1);
      }
    }
  }
  drawFormat(set, size, 0);

  // codewords in the zigzag order
  let bit = 0;
  for (let right = size - 1; right >= 1; right -= 2) {
    if (right === 6) right = 5;
    for (let vert = 0; vert < size; vert += 1) {
      for (let j = 0; j < 2; j += 1) {
        const x = right - j;
        const upward = ((right + 1) & 2) === 0;
        const y = upward ? size - 1 - vert : vert;
        if (!isFunction[y]![x] && bit < codewords.length * 8) {
          modules[y]![x] = ((codewords[bit >>> 3]! >>> (7 - (bit & 7))) & 1) === 1;
          bit += 1;
        }
      }
    }
  }

  let best: boolean[][] = modules;
  let bestScore = Infinity;
  for (let mask = 0; mask < 8; mask += 1) {
    if (forceMask !== undefined && mask !== forceMask) continue;
    const candidate = modules.map((row) => [...row]);
    const setCandidate = (x: number, y: number, dark: boolean): void => {
      candidate[y]![x] = dark;
    };
    for (let y = 0; y < size; y += 1) {
      for (let x = 0; x < size; x += 1) if (!isFunction[y]![x] && maskBit(mask, x, y)) candidate[y]![x] = !candidate[y]![x];
    }
    drawFormat(setCandidate, size, mask);
    const score = penalty(candidate);
    if (score < bestScore) {
      best = candidate;
      bestScore = score;
    }
  }
  return best;
}

/** The matrix as an SVG (with the 4-module quiet zone), for `[innerHTML]`-free rendering via a data URL or inline. */
export function qrSvgPath(matrix: readonly (readonly boolean[])[]): { size: number; path: string } {
  const parts: string[] = [];
  matrix.forEach((row, y) => {
    row.forEach((dark, x) => {
      if (dark) parts.push(`M${String(x + 4)} ${String(y + 4)}h1v1h-1z`);
    });
  });
  return { size: matrix.length + 8, path: parts.join('') };
}

function maskBit(mask: number, x: number, y: number): boolean {
  switch (mask) {
    case 0:
      return (x + y) % 2 === 0;
    case 1:
      return y % 2 === 0;
    case 2:
      return x % 3 === 0;
    case 3:
      return (x + y) % 3 === 0;
    case 4:
      return (Math.floor(x / 3) + Math.floor(y / 2)) % 2 === 0;
    case 5:
      return ((x * y) % 2) + ((x * y) % 3) === 0;
    case 6:
      return (((x * y) % 2) + ((x * y) % 3)) % 2 === 0;
    default:
      return (((x + y) % 2) + ((x * y) % 3)) % 2 === 0;
  }
}

/** Format information (level M = 00, mask) with its BCH code, in both copies. */
function drawFormat(set: (x: number, y: number, dark: boolean) => void, size: number, mask: number): void {
  const data = (0 << 3) | mask;
  let rem = data;
  for (let i = 0; i < 10; i += 1) rem = (rem << 1) ^ ((rem >>> 9) * 0x537);
  const bits = ((data << 10) | rem) ^ 0x5412;
  const bitAt = (i: number): boolean => ((bits >>> i) & 1) === 1;
  for (let i = 0; i <= 5; i += 1) set(8, i, bitAt(i));
  set(8, 7, bitAt(6));
  set(8, 8, bitAt(7));
  set(7, 8, bitAt(8));
  for (let i = 9; i < 15; i += 1) set(14 - i, 8, bitAt(i));
  for (let i = 0; i < 8; i += 1) set(size - 1 - i, 8, bitAt(i));
  for (let i = 8; i < 15; i += 1) set(8, size - 15 + i, bitAt(i));
  set(8, size - 8, true);
}

function gfMultiply(x: number, y: number): number {
  let z = 0;
  for (let i = 7; i >= 0; i -= 1) {
    z = (z << 1) ^ ((z >>> 7) * 0x11d);
    z ^= ((y >>> i) & 1) * x;
  }
  return z & 0xff;
}

function reedSolomonDivisor(degree: number): number[] {
  const result = Array<number>(degree).fill(0);
  result[degree - 1] = 1;
  let root = 1;
  for (let i = 0; i < degree; i += 1) {
    for (let j = 0; j < result.length; j += 1) {
      result[j] = gfMultiply(result[j]!, root);
      if (j + 1 < result.length) result[j]! ^= result[j + 1]!;
    }
    root = gfMultiply(root, 0x02);
  }
  return result;
}

function reedSolomonRemainder(data: readonly number[], divisor: readonly number[]): number[] {
  const result = Array<number>(divisor.length).fill(0);
  for (const b of data) {
    const factor = b ^ result.shift()!;
    result.push(0);
    divisor.forEach((coef, i) => {
      result[i]! ^= gfMultiply(coef, factor);
    });
  }
  return result;
}

/** Penalty rules 1 (runs), 2 (2×2 blocks) and 4 (balance) of the standard; lower is better. */
function penalty(m: readonly (readonly boolean[])[]): number {
  const size = m.length;
  let score = 0;
  for (let y = 0; y < size; y += 1) {
    for (const line of [m[y]!, m.map((row) => row[y]!)]) {
      let run = 1;
      for (let x = 1; x <= size; x += 1) {
        if (x < size && line[x] === line[x - 1]) run += 1;
        else {
          if (run >= 5) score += 3 + (run - 5);
          run = 1;
        }
      }
    }
  }
  for (let y = 0; y + 1 < size; y += 1) {
    for (let x = 0; x + 1 < size; x += 1) {
      const c = m[y]![x];
      if (c === m[y]![x + 1] && c === m[y + 1]![x] && c === m[y + 1]![x + 1]) score += 3;
    }
  }
  const dark = m.reduce((acc, row) => acc + row.filter(Boolean).length, 0);
  score += Math.floor(Math.abs(dark * 20 - size * size * 10) / (size * size)) * 10;
  return score;
}
