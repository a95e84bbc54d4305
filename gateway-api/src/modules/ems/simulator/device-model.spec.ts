import { readFileSync } from 'node:fs';
import path from 'node:path';
import { haversineKm } from '../ems-geo';
import { rules } from '../test-support/ems-harness';
import { alongPolyline, deviceMessages, dogLeg, patientVitals, roadRoute, seededRandom, type RoadNetwork } from './device-model';

describe('device simulator model', () => {
  it('a deteriorating patient drifts into the alarm bands; a stable one stays out; all values plausible', () => {
    const r = seededRandom(42);
    const start = patientVitals('deteriorating', 0, r);
    const late = patientVitals('deteriorating', 900, r);
    const stable = patientVitals('stable', 900, r);
    expect(late.hr).toBeGreaterThan(start.hr + 30);
    expect(late.spo2).toBeLessThanOrEqual(91);
    expect(late.sbp).toBeLessThanOrEqual(90);
    expect(stable.spo2).toBeGreaterThan(93);
    for (const v of [start, late, stable]) {
      for (const sign of rules.vitals.signs) {
        const value = v[sign.code];
        expect(value).toBeGreaterThanOrEqual(sign.plausible.min);
        expect(value).toBeLessThanOrEqual(sign.plausible.max);
      }
    }
  });

  it('drives along a polyline and stops at its end', () => {
    const a = { lat: 13.6889, lng: 101.0774 };
    const b = { lat: 13.722, lng: 101.21 };
    const route = dogLeg(a, b);
    expect(alongPolyline(route, 0).position).toEqual(a);
    const end = alongPolyline(route, 1000);
    expect(end.position).toEqual(b);
    expect(end.remainingKm).toBe(0);
    const mid = alongPolyline(route, 2);
    expect(haversineKm(a, mid.position)).toBeCloseTo(2, 1);
  });

  it('produces one message per unit per second, vitals only with a monitor, same output for the same seed', () => {
    const units = [
      { unitId: 'BSH-ALS-1', route: dogLeg({ lat: 13.68, lng: 101.07 }, { lat: 13.7, lng: 101.1 }), speedKmh: 60, course: 'deteriorating' as const, monitor: true },
      { unitId: 'BKL-BLS-1', route: dogLeg({ lat: 13.72, lng: 101.21 }, { lat: 13.7, lng: 101.2 }), speedKmh: 60, course: 'stable' as const, monitor: false },
    ];
    const t0 = new Date('2026-11-30T03:00:00Z');
    const one = deviceMessages(units, 10, t0, seededRandom(1));
    expect(one.map((m) => m.unitId)).toEqual(['BSH-ALS-1', 'BKL-BLS-1']);
    expect(one[0]?.message.vitals).toBeDefined();
    expect(one[1]?.message.vitals).toBeUndefined();
    expect(one[0]?.message.at).toBe('2026-11-30T03:00:10.000Z');
    expect(deviceMessages(units, 10, t0, seededRandom(1))).toEqual(one);
  });
});

describe('road routes over the illustrative road graph (fixtures/ems/road-network.json)', () => {
  const network = JSON.parse(readFileSync(path.join(__dirname, '../../../../../fixtures/ems/road-network.json'), 'utf8')) as RoadNetwork & { verified: boolean; source: string };

  it('is marked illustrative and not verified', () => {
    expect(network.verified).toBe(false);
    expect(network.source).toMatch(/ILLUSTRATIVE/);
  });

  it('drives from Buddhasothorn through the towns in between to Tha Takiap, never straight across', () => {
    const from = { lat: 13.6889, lng: 101.0774 };
    const to = { lat: 13.5, lng: 101.64 };
    const route = roadRoute(network, from, to);
    expect(route[0]).toEqual(from);
    expect(route.at(-1)).toEqual(to);
    expect(route.length).toBeGreaterThan(4);
    let km = 0;
    for (let i = 1; i < route.length; i += 1) km += haversineKm(route[i - 1] as { lat: number; lng: number }, route[i] as { lat: number; lng: number });
    expect(km).toBeGreaterThan(haversineKm(from, to));
  });

  it('falls back to a dog-leg without a graph', () => {
    expect(roadRoute({ nodes: [], edges: [] }, { lat: 13.6, lng: 101 }, { lat: 13.7, lng: 101.2 })).toHaveLength(3);
  });
});
