// Users' private keys at rest (identity, issue 15): sealed with AES-256-GCM under a key-encryption key (KEK) from
// USER_KEY_KEK (64 hex digits) or .runtime/secrets/user_key_kek.txt (made once, mode 600). The sealed file is
// .runtime/users/<username>/key.enc: {"v":1,"alg":"AES-256-GCM","kek":<KEK id>,"iv","tag","ct"}, with the username as
// additional authenticated data, so a sealed key cannot be swapped to another user. No plaintext key stays on disk.
// The gateway opens it in memory (gateway-api/src/modules/identity/key-wallet.ts, same format).
// CLI: node key-wallet.mjs open-msp USERNAME   → prints a temporary MSP folder (mode 700) with the key, for the
//      peer CLI; the caller deletes it afterwards.
import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';
import { chmodSync, cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { root } from './topology.mjs';

const runtime = process.env.RUNTIME_DIR ?? path.join(root, '.runtime');

export function loadKek() {
  const fromEnv = process.env.USER_KEY_KEK;
  if (fromEnv) {
    if (!/^[0-9a-fA-F]{64}$/.test(fromEnv)) throw new Error('USER_KEY_KEK must be 64 hex digits (32 bytes)');
    return Buffer.from(fromEnv, 'hex');
  }
  const file = path.join(runtime, 'secrets', 'user_key_kek.txt');
  if (!existsSync(file)) {
    mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
    writeFileSync(file, randomBytes(32).toString('hex') + '\n', { mode: 0o600 });
  }
  return Buffer.from(readFileSync(file, 'utf8').trim(), 'hex');
}

export const kekId = (kek) => createHash('sha256').update(kek).digest('hex').slice(0, 16);

export function sealKey(pem, username, kek) {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', kek, iv);
  cipher.setAAD(Buffer.from(`user-key:${username}`));
  const ct = Buffer.concat([cipher.update(pem), cipher.final()]);
  return JSON.stringify({ v: 1, alg: 'AES-256-GCM', kek: kekId(kek), iv: iv.toString('base64'), tag: cipher.getAuthTag().toString('base64'), ct: ct.toString('base64') });
}

export function openKey(sealed, username, kek) {
  const box = JSON.parse(sealed);
  if (box.v !== 1 || box.alg !== 'AES-256-GCM') throw new Error('unknown sealed key format');
  if (box.kek !== kekId(kek)) throw new Error(`the key of ${username} is sealed under another key-encryption key (${box.kek})`);
  const decipher = createDecipheriv('aes-256-gcm', kek, Buffer.from(box.iv, 'base64'));
  decipher.setAAD(Buffer.from(`user-key:${username}`));
  decipher.setAuthTag(Buffer.from(box.tag, 'base64'));
  return Buffer.concat([decipher.update(Buffer.from(box.ct, 'base64')), decipher.final()]);
}

/** Seals a freshly enrolled user's key (key.pem and the MSP keystore) into key.enc and deletes the plaintext. */
export function sealUserFolder(userDir, username, kek) {
  const keyFile = path.join(userDir, 'key.pem');
  writeFileSync(path.join(userDir, 'key.enc'), sealKey(readFileSync(keyFile), username, kek), { mode: 0o600 });
  rmSync(keyFile, { force: true });
  rmSync(path.join(userDir, 'msp', 'keystore'), { recursive: true, force: true });
  mkdirSync(path.join(userDir, 'msp', 'keystore'), { recursive: true });
}

/** A temporary copy of the user's MSP folder with the opened key, for the peer CLI. */
export function openMsp(username) {
  const userDir = path.join(runtime, 'users', username);
  const tmp = mkdtempSync(path.join(os.tmpdir(), 'msp-'));
  chmodSync(tmp, 0o700);
  cpSync(path.join(userDir, 'msp'), path.join(tmp, 'msp'), { recursive: true });
  mkdirSync(path.join(tmp, 'msp', 'keystore'), { recursive: true });
  const sealed = path.join(userDir, 'key.enc');
  const key = existsSync(sealed) ? openKey(readFileSync(sealed, 'utf8'), username, loadKek()) : readFileSync(path.join(userDir, 'key.pem'));
  writeFileSync(path.join(tmp, 'msp', 'keystore', 'key_sk'), key, { mode: 0o600 });
  return path.join(tmp, 'msp');
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const [command, username] = process.argv.slice(2);
  if (command !== 'open-msp' || !username) {
    console.error('usage: node key-wallet.mjs open-msp USERNAME');
    process.exit(2);
  }
  process.stdout.write(openMsp(username) + '\n');
}
