import path from 'node:path';
import { UnitRegistry } from '../../units/unit-registry';
import { parseSlotId, SlotCalendar, slotIdOf } from './slot-calendar';
import { loadWalletFixtures } from './wallet-fixtures';
import { FIXTURES_DIR } from './test-support/wallet-harness';

const units = UnitRegistry.fromFile(path.join(FIXTURES_DIR, 'units.json'));
const calendar = new SlotCalendar({ catalogue: loadWalletFixtures(FIXTURES_DIR).catalogue, unit: (h) => units.find(h) });

describe('SlotCalendar', () => {
  it('parses and builds slot ids', () => {
    expect(parseSlotId('03889.flu-vaccine.20261201.0900')).toEqual({ hcode: '03889', service: 'flu-vaccine', date: '2026-12-01', time: '09:00' });
    expect(slotIdOf('03889', 'flu-vaccine', '2026-12-01', '09:00')).toBe('03889.flu-vaccine.20261201.0900');
    for (const bad of ['03889.flu-vaccine.20261301.0900', '03889.flu-vaccine.20261231.2500', '3889.flu.20261201.0900', '03889.FLU.20261201.0900', '']) {
      expect(parseSlotId(bad)).toBeUndefined();
    }
  });

  it('publishes slots from the weekly templates, in Thai time', () => {
    const slot = calendar.find('03889.flu-vaccine.20261201.0900');
    expect(slot).toMatchObject({ capacity: 5, startsAt: '2026-12-01T02:00:00.000Z' });
    expect(calendar.find('03889.flu-vaccine.20261202.0900')).toBeUndefined(); // Wednesday
    expect(calendar.find('00024.flu-vaccine.20261201.0900')).toBeUndefined(); // provincial office
    const week = calendar.slots('03889', '2026-11-30', '2026-12-06', 'flu-vaccine');
    expect(new Set(week.map((s) => s.date))).toEqual(new Set(['2026-12-01', '2026-12-03']));
    expect(week).toHaveLength(8);
  });

  it('lets a unit template replace the unit-type template (Buddhasothorn flu clinic: 20 seats, Saturdays too)', () => {
    expect(calendar.find('10697.flu-vaccine.20261205.0830')?.capacity).toBe(20);
    expect(calendar.find('11138.flu-vaccine.20261201.0900')?.capacity).toBe(10);
    expect(calendar.find('11138.flu-vaccine.20261205.0900')).toBeUndefined();
    expect(calendar.servicesAt('03889').sort()).toEqual(['cervical-screening', 'dm-ht-screening', 'flu-vaccine']);
    expect(calendar.openingHoursOf('03889')).toMatchObject({ open: '08:30', close: '16:30' });
  });
});
