import { type Unit, unitMatches } from './unit';

const buddhasothorn: Unit = {
  hcode: '10697', nameTh: 'โรงพยาบาลพุทธโสธร', nameEn: 'Buddhasothorn Hospital', type: 'hospital',
  district: 'Mueang Chachoengsao', districtTh: 'เมืองฉะเชิงเทรา', parentHcode: null, mspId: 'BuddhasothornMSP',
  lat: 13.68, lng: 101.07, illustrative: false,
};

describe('unit search', () => {
  it('matches name, hcode and district in Thai and English', () => {
    expect(unitMatches(buddhasothorn, 'พุทธโสธร')).toBe(true);
    expect(unitMatches(buddhasothorn, '10697')).toBe(true);
    expect(unitMatches(buddhasothorn, 'mueang hospital')).toBe(true);
    expect(unitMatches(buddhasothorn, 'เมือง')).toBe(true);
    expect(unitMatches(buddhasothorn, 'bang khla')).toBe(false);
    expect(unitMatches(buddhasothorn, '  ')).toBe(true);
  });
});
