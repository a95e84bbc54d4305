import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { loadProjectorConfig } from './projector-config';

describe('loadProjectorConfig', () => {
  const empty = mkdtempSync(path.join(tmpdir(), 'projector-'));

  it('uses auditor.pho until the service identity is issued, then svc.projector', () => {
    expect(loadProjectorConfig({}, empty)).toEqual({ enabled: true, identity: { username: 'auditor.pho', mspId: 'ProvincialHealthOfficeMSP' }, listenerName: 'referral-projector' });
    const issued = mkdtempSync(path.join(tmpdir(), 'projector-'));
    mkdirSync(path.join(issued, 'users', 'svc.projector'), { recursive: true });
    writeFileSync(path.join(issued, 'users', 'svc.projector', 'cert.pem'), 'x');
    expect(loadProjectorConfig({}, issued).identity.username).toBe('svc.projector');
  });

  it('takes PROJECTOR_IDENTITY, PROJECTOR_MSP, PROJECTOR_NAME and PROJECTOR_ENABLED', () => {
    expect(loadProjectorConfig({ PROJECTOR_IDENTITY: 'svc.other', PROJECTOR_MSP: 'BangKhlaMSP', PROJECTOR_NAME: 'bench', PROJECTOR_ENABLED: 'false' }, empty)).toEqual({
      enabled: false,
      identity: { username: 'svc.other', mspId: 'BangKhlaMSP' },
      listenerName: 'bench',
    });
  });

  it('fails fast, by name, on bad values', () => {
    expect(() => loadProjectorConfig({ PROJECTOR_ENABLED: 'yes' }, empty)).toThrow(/PROJECTOR_ENABLED/);
    expect(() => loadProjectorConfig({ PROJECTOR_IDENTITY: '../etc' }, empty)).toThrow(/PROJECTOR_IDENTITY/);
    expect(() => loadProjectorConfig({ PROJECTOR_MSP: 'nope' }, empty)).toThrow(/PROJECTOR_MSP/);
  });
});
