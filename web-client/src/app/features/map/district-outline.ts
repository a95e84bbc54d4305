/**
 * Approximate district outlines drawn from the units' own coordinates, so the map needs no
 * tile server or boundary download: the convex hull of each district's units, pushed out
 * from its centre by a margin (points and lines become small polygons).
 */

/** [lat, lng]. */
export type LatLng = readonly [number, number];

function cross(o: LatLng, a: LatLng, b: LatLng): number {
  return (a[1] - o[1]) * (b[0] - o[0]) - (a[0] - o[0]) * (b[1] - o[1]);
}

/** Convex hull (Andrew's monotone chain), counter-clockwise in (lng, lat), without repeating the first point. */
export function convexHull(points: readonly LatLng[]): LatLng[] {
  const unique = [...new Map(points.map((p) => [`${p[0]},${p[1]}`, p])).values()];
  const pts = unique.sort((a, b) => a[1] - b[1] || a[0] - b[0]);
  if (pts.length <= 2) return pts;
  const lower: LatLng[] = [];
  for (const p of pts) {
    while (lower.length >= 2 && cross(lower[lower.length - 2]!, lower[lower.length - 1]!, p) <= 0) lower.pop();
    lower.push(p);
  }
  const upper: LatLng[] = [];
  for (let i = pts.length - 1; i >= 0; i -= 1) {
    const p = pts[i]!;
    while (upper.length >= 2 && cross(upper[upper.length - 2]!, upper[upper.length - 1]!, p) <= 0) upper.pop();
    upper.push(p);
  }
  return [...lower.slice(0, -1), ...upper.slice(0, -1)];
}

/**
 * The outline of a group of points: its hull, each vertex moved `margin` degrees away from the
 * centroid; fewer than three distinct points give an octagon of radius `margin` around them.
 */
export function outline(points: readonly LatLng[], margin = 0.02): LatLng[] {
  if (points.length === 0) return [];
  const ring: LatLng[] = [];
  const hull = convexHull(points);
  if (hull.length < 3) {
    for (const p of hull) for (let k = 0; k < 8; k += 1) {
      const a = (Math.PI * 2 * k) / 8;
      ring.push([p[0] + margin * Math.sin(a), p[1] + margin * Math.cos(a)]);
    }
    return convexHull(ring);
  }
  const c: LatLng = [hull.reduce((s, p) => s + p[0], 0) / hull.length, hull.reduce((s, p) => s + p[1], 0) / hull.length];
  return hull.map((p) => {
    const dy = p[0] - c[0];
    const dx = p[1] - c[1];
    const d = Math.hypot(dx, dy) || 1;
    return [p[0] + (dy / d) * margin, p[1] + (dx / d) * margin] as LatLng;
  });
}

/** Lines of a graticule every `step` degrees covering the bounds, as polylines. */
export function graticule(south: number, west: number, north: number, east: number, step = 0.1): LatLng[][] {
  const lines: LatLng[][] = [];
  const round = (v: number): number => Math.round(v * 1e6) / 1e6;
  for (let lat = Math.ceil(south / step) * step; lat <= north + 1e-9; lat += step) lines.push([[round(lat), west], [round(lat), east]]);
  for (let lng = Math.ceil(west / step) * step; lng <= east + 1e-9; lng += step) lines.push([[south, round(lng)], [north, round(lng)]]);
  return lines;
}
