import { convexHull, graticule, outline } from './district-outline';

describe('district outlines from unit coordinates', () => {
  it('finds the convex hull and drops inner points', () => {
    const hull = convexHull([[0, 0], [0, 2], [2, 2], [2, 0], [1, 1], [0, 0]]);
    expect(hull).toHaveLength(4);
    expect(hull).not.toContainEqual([1, 1]);
  });

  it('pushes a hull outwards by the margin', () => {
    const ring = outline([[0, 0], [0, 2], [2, 2], [2, 0]], 0.5);
    expect(ring).toHaveLength(4);
    for (const p of ring) expect(Math.hypot(p[0] - 1, p[1] - 1)).toBeCloseTo(Math.SQRT2 + 0.5, 5);
  });

  it('turns one or two points into a small polygon', () => {
    expect(outline([[13.7, 101.1]], 0.01).length).toBe(8);
    expect(outline([[13.7, 101.1], [13.8, 101.2]], 0.01).length).toBeGreaterThanOrEqual(6);
    expect(outline([])).toEqual([]);
  });

  it('draws graticule lines across the bounds', () => {
    const lines = graticule(13.0, 101.0, 13.3, 101.2, 0.1);
    expect(lines).toHaveLength(4 + 3);
    expect(lines[0]).toEqual([[13, 101], [13, 101.2]]);
  });
});
