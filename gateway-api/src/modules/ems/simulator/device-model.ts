import { haversineKm, type LatLng } from '../ems-geo';

/** A small seeded random source (mulberry32), so a simulation can be replayed. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Patient course on the monitor. */
export type PatientCourse = 'stable' | 'deteriorating';

/** Monitor readings at `t` seconds: plausible values with noise; a deteriorating patient drifts toward shock over ~10 min. */
export function patientVitals(course: PatientCourse, t: number, random: () => number): { hr: number; sbp: number; dbp: number; spo2: number; rr: number } {
  const noise = (amplitude: number): number => (random() - 0.5) * 2 * amplitude;
  const k = course === 'deteriorating' ? Math.min(1, t / 600) : 0;
  const round = (v: number): number => Math.round(v);
  return {
    hr: round(88 + 52 * k + noise(3)),
    sbp: round(128 - 48 * k + noise(4)),
    dbp: round(80 - 28 * k + noise(3)),
    spo2: Math.min(100, round(97 - 10 * k + noise(1))),
    rr: round(16 + 14 * k + noise(1.5)),
  };
}

/** Position `km` along a polyline (clamped to its ends) and the remaining length. */
export function alongPolyline(points: readonly LatLng[], km: number): { position: LatLng; remainingKm: number } {
  const first = points[0];
  if (first === undefined) throw new Error('empty polyline');
  let left = Math.max(0, km);
  let total = 0;
  for (let i = 1; i < points.length; i += 1) total += haversineKm(points[i - 1] as LatLng, points[i] as LatLng);
  for (let i = 1; i < points.length; i += 1) {
    const a = points[i - 1] as LatLng;
    const b = points[i] as LatLng;
    const seg = haversineKm(a, b);
    if (left <= seg && seg > 0) {
      const f = left / seg;
      return { position: { lat: a.lat + (b.lat - a.lat) * f, lng: a.lng + (b.lng - a.lng) * f }, remainingKm: Math.max(0, total - km) };
    }
    left -= seg;
  }
  return { position: points[points.length - 1] as LatLng, remainingKm: 0 };
}

/** One simulated ambulance: drives its polyline at `speedKmh` and monitors its patient. */
export interface SimulatedUnit {
  readonly unitId: string;
  readonly route: readonly LatLng[];
  readonly speedKmh: number;
  readonly course: PatientCourse;
  /** Publishes monitor readings only when it has a patient. */
  readonly monitor: boolean;
}

/** The device messages of every unit at second `t` (what each would publish on ems/units/<id>/telemetry). */
export function deviceMessages(units: readonly SimulatedUnit[], t: number, start: Date, random: () => number): { unitId: string; message: Record<string, unknown> }[] {
  const at = new Date(start.getTime() + t * 1000).toISOString();
  return units.map((u) => {
    const { position, remainingKm } = alongPolyline(u.route, (u.speedKmh * t) / 3600);
    const message: Record<string, unknown> = { at, position: { lat: Number(position.lat.toFixed(6)), lng: Number(position.lng.toFixed(6)), speedKmh: remainingKm > 0 ? u.speedKmh : 0 } };
    if (u.monitor) message.vitals = patientVitals(u.course, t, random);
    return { unitId: u.unitId, message };
  });
}

/**
 * Illustrative "road" for a unit: base → a dog-leg via point → target. There is no road network in the fixtures,
 * so the via point stands in for the road's detour (about the fleet's roadFactor).
 */
export function dogLeg(from: LatLng, to: LatLng): LatLng[] {
  return [from, { lat: from.lat, lng: to.lng }, to];
}

/** The illustrative road graph of fixtures/ems/road-network.json: district towns and the links between them. */
export interface RoadNetwork {
  readonly nodes: readonly { readonly id: string; readonly lat: number; readonly lng: number }[];
  readonly edges: readonly { readonly from: string; readonly to: string }[];
}

/**
 * A unit's route over the road graph: from `from` to the nearest town, the shortest chain of road links (Dijkstra on
 * straight-line link lengths) to the town nearest `to`, then to `to`. Falls back to {@link dogLeg} when the graph is
 * empty or the towns are not connected.
 */
export function roadRoute(network: RoadNetwork, from: LatLng, to: LatLng): LatLng[] {
  const nearest = (p: LatLng): string | undefined => {
    let best: { id: string; d: number } | undefined;
    for (const n of network.nodes) {
      const d = haversineKm(p, n);
      if (best === undefined || d < best.d) best = { id: n.id, d };
    }
    return best?.id;
  };
  const start = nearest(from);
  const goal = nearest(to);
  const byId = new Map(network.nodes.map((n) => [n.id, n]));
  if (start === undefined || goal === undefined) return dogLeg(from, to);
  const dist = new Map<string, number>([[start, 0]]);
  const prev = new Map<string, string>();
  const open = new Set(network.nodes.map((n) => n.id));
  while (open.size > 0) {
    let u: string | undefined;
    for (const id of open) if (dist.has(id) && (u === undefined || (dist.get(id) ?? Infinity) < (dist.get(u) ?? Infinity))) u = id;
    if (u === undefined || u === goal) break;
    open.delete(u);
    const a = byId.get(u) as LatLng;
    for (const e of network.edges) {
      const v = e.from === u ? e.to : e.to === u ? e.from : undefined;
      if (v === undefined || !open.has(v)) continue;
      const alt = (dist.get(u) ?? Infinity) + haversineKm(a, byId.get(v) as LatLng);
      if (alt < (dist.get(v) ?? Infinity)) {
        dist.set(v, alt);
        prev.set(v, u);
      }
    }
  }
  if (!dist.has(goal)) return dogLeg(from, to);
  const chain: LatLng[] = [];
  for (let id: string | undefined = goal; id !== undefined; id = prev.get(id)) {
    const n = byId.get(id) as { lat: number; lng: number };
    chain.unshift({ lat: n.lat, lng: n.lng });
    if (id === start) break;
  }
  return [from, ...chain, to];
}
