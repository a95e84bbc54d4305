import { createCipheriv, createDecipheriv, createHash, createPrivateKey, randomBytes, type KeyObject } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/**
 * Users' private keys at rest (identity, issue 15). Each enrolled key is sealed with AES-256-GCM under a
 * key-encryption key (KEK) from USER_KEY_KEK (64 hex digits) or <runtime>/secrets/user_key_kek.txt, the username
 * bound in as additional authenticated data; `.runtime/users/<username>/key.enc`. The gateway opens a key only in
 * memory, into a non-exportable KeyObject, when it first connects as the person; the key is never logged and
 * never part of an API response. Same format as network-config/scripts/key-wallet.mjs.
 */
export class KeyWallet {
  readonly #kek: Buffer;
  readonly #kekId: string;

  public constructor(kek: Buffer) {
    if (kek.length !== 32) throw new Error('the key-encryption key must be 32 bytes');
    this.#kek = kek;
    this.#kekId = createHash('sha256').update(kek).digest('hex').slice(0, 16);
  }

  /** The KEK from the environment or the runtime's secrets folder (created once, mode 600). */
  public static fromEnvironment(runtimeDir: string, env: NodeJS.ProcessEnv = process.env): KeyWallet {
    const fromEnv = env.USER_KEY_KEK;
    if (fromEnv !== undefined && fromEnv !== '') {
      if (!/^[0-9a-fA-F]{64}$/.test(fromEnv)) throw new Error('USER_KEY_KEK must be 64 hex digits (32 bytes)');
      return new KeyWallet(Buffer.from(fromEnv, 'hex'));
    }
    const file = path.join(runtimeDir, 'secrets', 'user_key_kek.txt');
    if (!existsSync(file)) {
      mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
      writeFileSync(file, randomBytes(32).toString('hex') + '\n', { mode: 0o600 });
    }
    return new KeyWallet(Buffer.from(readFileSync(file, 'utf8').trim(), 'hex'));
  }

  public seal(pem: Buffer, username: string): string {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.#kek, iv);
    cipher.setAAD(Buffer.from(`user-key:${username}`));
    const ct = Buffer.concat([cipher.update(pem), cipher.final()]);
    return JSON.stringify({ v: 1, alg: 'AES-256-GCM', kek: this.#kekId, iv: iv.toString('base64'), tag: cipher.getAuthTag().toString('base64'), ct: ct.toString('base64') });
  }

  /** Seals other per-user secrets (e.g. a TOTP secret) the same way, bound to `context` (e.g. `totp:<username>`). */
  public sealBytes(data: Buffer, context: string): string {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.#kek, iv);
    cipher.setAAD(Buffer.from(context));
    const ct = Buffer.concat([cipher.update(data), cipher.final()]);
    return JSON.stringify({ v: 1, alg: 'AES-256-GCM', kek: this.#kekId, iv: iv.toString('base64'), tag: cipher.getAuthTag().toString('base64'), ct: ct.toString('base64') });
  }

  /** @throws Error when the box was sealed for another context or under another KEK. */
  public openBytes(sealed: string, context: string): Buffer {
    const box = JSON.parse(sealed) as { v?: number; alg?: string; kek?: string; iv: string; tag: string; ct: string };
    if (box.v !== 1 || box.alg !== 'AES-256-GCM') throw new Error('a sealed secret has an unknown format');
    if (box.kek !== this.#kekId) throw new Error('a secret is sealed under another key-encryption key');
    const decipher = createDecipheriv('aes-256-gcm', this.#kek, Buffer.from(box.iv, 'base64'));
    decipher.setAAD(Buffer.from(context));
    decipher.setAuthTag(Buffer.from(box.tag, 'base64'));
    return Buffer.concat([decipher.update(Buffer.from(box.ct, 'base64')), decipher.final()]);
  }

  /** @throws Error (without any key material in its message) when the box is not for this user or this KEK. */
  public open(sealed: string, username: string): KeyObject {
    const box = JSON.parse(sealed) as { v?: number; alg?: string; kek?: string; iv: string; tag: string; ct: string };
    if (box.v !== 1 || box.alg !== 'AES-256-GCM') throw new Error(`the sealed key of ${username} has an unknown format`);
    if (box.kek !== this.#kekId) throw new Error(`the key of ${username} is sealed under another key-encryption key`);
    const decipher = createDecipheriv('aes-256-gcm', this.#kek, Buffer.from(box.iv, 'base64'));
    decipher.setAAD(Buffer.from(`user-key:${username}`));
    decipher.setAuthTag(Buffer.from(box.tag, 'base64'));
    const pem = Buffer.concat([decipher.update(Buffer.from(box.ct, 'base64')), decipher.final()]);
    try {
      return createPrivateKey(pem);
    } finally {
      pem.fill(0);
    }
  }

  /** The person's private key from their folder: key.enc (sealed) or, for material made before sealing, key.pem. */
  public privateKeyOf(userDir: string, username: string): KeyObject {
    const sealed = path.join(userDir, 'key.enc');
    if (existsSync(sealed)) return this.open(readFileSync(sealed, 'utf8'), username);
    return createPrivateKey(readFileSync(path.join(userDir, 'key.pem')));
  }
}
