import { cycleRecord } from './test-support/pharmacy-fakes';
import { cycleSchema } from './pharmacy.schemas';
import { cycleVersion, indicatorsOf, InMemoryPharmacyReadModel, rowOf, rowsOfEvent, type CycleRow } from './pharmacy-read-model';
import { FakePharmacyLedger, PHARMACIST, VOLUNTEER, serviceOn } from './test-support/pharmacy-fakes';

const cycle = (n: number, dispensed: boolean, post = false) => cycleSchema.parse(cycleRecord(n, dispensed, post));

function row(overrides: Partial<CycleRow>): CycleRow {
  return { id: 'P/001', planId: 'P', cycle: 1, version: 1, prescriberHcode: '10697', dueDate: '2026-01-05', channel: 'post', unitHcode: '10697', status: 'dispensed', ...overrides };
}

describe('pharmacy read model', () => {
  it('versions a cycle by its writes and turns it into a row', () => {
    expect(cycleVersion(cycle(1, false))).toBe(0);
    expect(cycleVersion(cycle(1, true))).toBe(1);
    const r = rowOf(cycle(3, true, true), '10697');
    expect(r).toMatchObject({ id: 'RX-1/003', status: 'dispensed', dispensedChannel: 'post', custodyStatus: 'handed-to-post', confirmBy: '2026-01-12' });
  });

  it('reads rows from PharmacyChanged payloads and ignores malformed ones', () => {
    const withPrescriber = (c: unknown) => ({ ...(c as object), prescriberHcode: '10697' });
    expect(rowsOfEvent({ cycles: [withPrescriber(cycleRecord(1, false)), withPrescriber(cycleRecord(2, false))] })).toHaveLength(2);
    expect(rowsOfEvent({ cycles: [cycleRecord(1, false)] })).toEqual([]);
    expect(rowsOfEvent(null)).toEqual([]);
  });

  it('applies a newer version once and ignores replays and older versions', async () => {
    const model = new InMemoryPharmacyReadModel();
    expect(await model.save(row({ version: 1 }))).toBe('applied');
    expect(await model.save(row({ version: 1 }))).toBe('stale');
    expect(await model.save(row({ version: 3, custodyStatus: 'delivered' }))).toBe('applied');
    expect(await model.save(row({ version: 2 }))).toBe('stale');
    expect((await model.dispensed())[0]?.custodyStatus).toBe('delivered');
  });

  it('lists refills due at a unit by date, and a volunteer\'s open deliveries', async () => {
    const model = new InMemoryPharmacyReadModel();
    await model.save(row({ id: 'A/002', status: 'scheduled', dueDate: '2026-02-02', unitHcode: '03882' }));
    await model.save(row({ id: 'B/001', status: 'scheduled', dueDate: '2026-01-20', unitHcode: '03882' }));
    await model.save(row({ id: 'C/001', status: 'scheduled', dueDate: '2026-01-01', unitHcode: '11138' }));
    await model.save(row({ id: 'D/001', pickedUpBy: 'volunteer.03882', confirmBy: '2026-01-08' }));
    await model.save(row({ id: 'E/001', pickedUpBy: 'volunteer.03882', confirmBy: '2026-01-08', closedDay: '2026-01-07' }));
    expect((await model.dueAt('03882', 10)).map((r) => r.id)).toEqual(['B/001', 'A/002']);
    expect((await model.deliveriesOf('volunteer.03882')).map((r) => r.id)).toEqual(['D/001']);
  });

  it('computes the share dispensed outside the hospital and the on-time delivery rate', () => {
    const rows = [
      row({ id: '1', dispensedChannel: 'hospital-pharmacy' }),
      row({ id: '2', dispensedChannel: 'health-centre' }),
      row({ id: '3', dispensedChannel: 'post', confirmBy: '2026-01-12', custodyStatus: 'delivered', closedDay: '2026-01-10' }),
      row({ id: '4', dispensedChannel: 'volunteer', confirmBy: '2026-01-08', custodyStatus: 'delivered', closedDay: '2026-01-09' }),
      row({ id: '5', dispensedChannel: 'post', confirmBy: '2026-01-05', custodyStatus: 'handed-to-post' }),
      row({ id: '6', dispensedChannel: 'post', confirmBy: '2026-01-30', custodyStatus: 'packed' }),
      row({ id: '7', status: 'scheduled' }),
    ];
    expect(indicatorsOf(rows, '2026-01-15')).toEqual({
      dispensed: 6,
      dispensedOutsideHospital: 5,
      outsideHospitalShare: 5 / 6,
      deliveries: 4,
      deliveredOnTime: 1,
      onTimeDeliveryRate: 1 / 3,
      overdue: 1,
    });
    expect(indicatorsOf([], '2026-01-15').outsideHospitalShare).toBeNull();
  });

  it('serves the work lists through the service, by role, and 503 without a read model', async () => {
    const readModel = new InMemoryPharmacyReadModel();
    await readModel.save(row({ id: 'B/001', status: 'scheduled', unitHcode: '11138' }));
    const base = serviceOn(new FakePharmacyLedger());
    const service = serviceOn(new FakePharmacyLedger(), () => new Date('2026-01-10T03:00:00Z'), readModel);
    expect((await service.dueAtMyUnit(PHARMACIST)).map((r) => r.id)).toEqual(['B/001']);
    await expect(service.myDeliveries(PHARMACIST)).rejects.toMatchObject({ code: 'FORBIDDEN_ROLE' });
    expect(await service.myDeliveries(VOLUNTEER)).toEqual([]);
    await expect(base.indicators()).rejects.toMatchObject({ code: 'STORE_UNAVAILABLE', status: 503 });
  });
});
