import { EmsRules, levelSuffices } from './ems-rules';
import { gazetteer, rules } from './test-support/ems-harness';
import { estimateEta, haversineKm } from './ems-geo';
import { ApiError } from '../../http/api-error';

describe('dispatch criteria (fixtures/ems/dispatch-criteria.json)', () => {
  it('is versioned, dated, sourced and flagged as not verified', () => {
    expect(rules.criteria.version).toMatch(/\S/);
    expect(rules.criteria.effectiveFrom).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(rules.criteria.source.length).toBeGreaterThan(20);
    expect(rules.criteria.verified).toBe(false);
    expect(rules.criteria.colours.map((c) => c.code)).toEqual(['red', 'yellow', 'green', 'white']);
  });

  it.each([
    ['cardiac-arrest', {}, 'red', []],
    ['chest-pain', { conscious: true, sweatingOrPale: false, chestPainMinutes: 5 }, 'yellow', []],
    ['chest-pain', { sweatingOrPale: true }, 'red', ['CP1']],
    ['chest-pain', { chestPainMinutes: 45 }, 'red', ['CP2']],
    ['stroke', { strokeSigns: true, onsetMinutes: 60 }, 'red', ['ST1']],
    ['stroke', { strokeSigns: true, onsetMinutes: 600 }, 'yellow', []],
    ['road-traffic-injury', { canWalk: true, highEnergyCrash: false }, 'green', ['RT2']],
    ['road-traffic-injury', { canWalk: true, highEnergyCrash: true }, 'red', ['RT1']],
    ['minor-injury', {}, 'green', []],
    ['minor-injury', { conscious: false }, 'red', ['G1']],
    ['non-emergency', {}, 'white', []],
    ['fever', { ageYears: 0.1 }, 'yellow', ['FV1']],
  ])('%s with %j is %s', (complaint, answers, colour, matched) => {
    const result = rules.triage(complaint, rules.checkAnswers(answers));
    expect(result.colour).toBe(colour);
    expect(result.matchedRules.map((r) => r.id)).toEqual(matched);
    expect(result.criteria).toEqual(expect.objectContaining({ version: rules.criteria.version, verified: false }));
  });

  it('the most severe matching rule wins, whatever the order', () => {
    const result = rules.triage('road-traffic-injury', { canWalk: true, highEnergyCrash: false, severeBleeding: true });
    expect(result.colour).toBe('red');
    expect(result.requiredLevel).toBe('ALS');
    expect(result.targetResponseMinutes).toBe(8);
  });

  it('rejects an unknown complaint and bad answers with specific codes', () => {
    expect(() => rules.triage('alien-abduction', {})).toThrow(expect.objectContaining({ code: 'UNKNOWN_COMPLAINT' }) as Error);
    expect(() => rules.checkAnswers({ favouriteColour: 'blue' })).toThrow(expect.objectContaining({ code: 'INVALID_ANSWER' }) as Error);
    expect(() => rules.checkAnswers({ conscious: 'yes' })).toThrow(expect.objectContaining({ code: 'INVALID_ANSWER' }) as Error);
    expect(() => rules.checkAnswers({ ageYears: 200 })).toThrow(expect.objectContaining({ code: 'INVALID_ANSWER' }) as Error);
    expect(() => rules.checkAnswers({ ageYears: Number.NaN })).toThrow(ApiError);
  });

  it('refuses a table whose rule names an unknown question', () => {
    const broken = structuredClone(rules.criteria);
    broken.globalRules.push({ id: 'X', colour: 'red', when: [{ question: 'nope', equals: true }], th: 'x' });
    expect(() => new EmsRules(broken, rules.cards, rules.vitals, rules.fleet)).toThrow(/unknown question nope/);
  });
});

describe('first-aid cards (Thai)', () => {
  it('gives the complaint cards first, then the general ones, all in Thai with an SMS text', () => {
    const cards = rules.firstAid('cardiac-arrest');
    expect(cards[0]?.id).toBe('FA-CPR');
    expect(cards.at(-1)?.id).toBe('FA-RECOVERY');
    for (const card of rules.cards.cards) {
      expect(card.title).toMatch(/[\u0E00-\u0E7F]/);
      expect(card.sms.length).toBeLessThanOrEqual(rules.cards.smsMaxChars);
    }
    expect(rules.cards.verified).toBe(false);
  });

  it('has a card for every complaint except advice-only calls', () => {
    for (const c of rules.criteria.complaints.filter((x) => x.code !== 'non-emergency')) {
      expect(rules.firstAid(c.code).length).toBeGreaterThan(1);
    }
  });
});

describe('fleet and levels', () => {
  it('every hospital has an ALS unit with a crew login, bases inside the province', () => {
    const hospitals = new Set(rules.fleet.units.map((u) => u.hcode));
    expect(hospitals.size).toBe(11);
    for (const h of hospitals) expect(rules.fleet.units.some((u) => u.hcode === h && u.level === 'ALS')).toBe(true);
    for (const u of rules.fleet.units) {
      expect(u.crew.length).toBeGreaterThan(0);
      expect(() => gazetteer.resolve({ lat: u.base.lat, lng: u.base.lng })).not.toThrow();
    }
  });

  it('ALS covers every level, FR only FR calls', () => {
    expect(levelSuffices('ALS', 'ALS')).toBe(true);
    expect(levelSuffices('BLS', 'ALS')).toBe(false);
    expect(levelSuffices('FR', 'BLS')).toBe(false);
    expect(levelSuffices('FR', null)).toBe(true);
  });
});

describe('geography', () => {
  it('measures distances and ETAs', () => {
    const bsh = { lat: 13.6889, lng: 101.0774 };
    const bkl = { lat: 13.722, lng: 101.21 };
    expect(haversineKm(bsh, bsh)).toBe(0);
    expect(haversineKm(bsh, bkl)).toBeGreaterThan(13);
    expect(haversineKm(bsh, bkl)).toBeLessThan(16);
    const eta = estimateEta(bsh, bkl, 1.35, 60);
    expect(eta.etaMinutes).toBeCloseTo((eta.roadKm / 60) * 60, 0);
  });

  it('places a tambon call at its centroid and refuses unknown or outside places', () => {
    expect(gazetteer.size).toBeGreaterThan(50);
    const hit = gazetteer.resolve({ tambon: 'tha khai', landmark: 'วัด' });
    expect(hit).toEqual(expect.objectContaining({ source: 'tambon', tambon: 'Tha Khai', district: 'Mueang Chachoengsao', landmark: 'วัด' }));
    expect(() => gazetteer.resolve({ tambon: 'Atlantis' })).toThrow(expect.objectContaining({ code: 'UNKNOWN_LOCATION' }) as Error);
    expect(() => gazetteer.resolve({ lat: 13.75, lng: 100.5 })).toThrow(expect.objectContaining({ code: 'UNKNOWN_LOCATION' }) as Error);
  });
});

describe('simulated load units (EMS_SIM_UNITS)', () => {
  it('adds SIM-001… cloned from the fleet, without crew, and leaves the fleet as it is', () => {
    const base = rules;
    const more = base.withSimulatedUnits(173);
    expect(more.fleet.units).toHaveLength(base.fleet.units.length + 173);
    expect(more.unit('SIM-001')).toEqual(expect.objectContaining({ level: base.fleet.units[0]?.level, hcode: base.fleet.units[0]?.hcode, crew: [] }));
    expect(more.unit('SIM-173')).toBeDefined();
    expect(base.unit('SIM-001')).toBeUndefined();
    expect(base.withSimulatedUnits(0)).toBe(base);
  });
});
