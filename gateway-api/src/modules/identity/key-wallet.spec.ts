import { execFileSync } from 'node:child_process';
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { KeyWallet } from './key-wallet';

const pem = (): Buffer => Buffer.from(generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey.export({ type: 'pkcs8', format: 'pem' }));

describe('KeyWallet', () => {
  it('seals a key so that only the same KEK and username open it, and the sealed file holds no plaintext', () => {
    const kek = randomBytes(32);
    const wallet = new KeyWallet(kek);
    const key = pem();
    const sealed = wallet.seal(key, 'nurse.bangkhla');
    expect(sealed).not.toContain('PRIVATE KEY');
    expect(sealed).not.toContain(key.toString('base64').slice(40, 80));
    expect(wallet.open(sealed, 'nurse.bangkhla').asymmetricKeyType).toBe('ec');
    expect(() => wallet.open(sealed, 'clinician.bangkhla')).toThrow();
    expect(() => new KeyWallet(randomBytes(32)).open(sealed, 'nurse.bangkhla')).toThrow('another key-encryption key');
    const tampered = JSON.parse(sealed) as { ct: string };
    tampered.ct = Buffer.from(Buffer.from(tampered.ct, 'base64').map((b, i) => (i === 3 ? b ^ 1 : b))).toString('base64');
    expect(() => wallet.open(JSON.stringify({ ...JSON.parse(sealed), ct: tampered.ct }), 'nurse.bangkhla')).toThrow();
  });

  it('opens what the enrolment script (network-config/scripts/key-wallet.mjs) sealed', () => {
    const runtime = mkdtempSync(path.join(os.tmpdir(), 'kw-'));
    const kek = randomBytes(32).toString('hex');
    const dir = path.join(runtime, 'users', 'nurse.x');
    mkdirSync(path.join(dir, 'msp', 'keystore'), { recursive: true });
    writeFileSync(path.join(dir, 'key.pem'), pem());
    const script = path.resolve(__dirname, '../../../../network-config/scripts/key-wallet.mjs');
    execFileSync(process.execPath, ['--input-type=module', '-e', `import { sealUserFolder, loadKek } from '${script}'; sealUserFolder(process.argv[1], 'nurse.x', loadKek());`, dir], { env: { ...process.env, RUNTIME_DIR: runtime, USER_KEY_KEK: kek } });
    expect(readFileSync(path.join(dir, 'key.enc'), 'utf8')).toContain('AES-256-GCM');
    const wallet = KeyWallet.fromEnvironment(runtime, { USER_KEY_KEK: kek });
    expect(wallet.privateKeyOf(dir, 'nurse.x').asymmetricKeyType).toBe('ec');
  });
});
