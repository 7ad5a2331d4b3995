/**
 * Where the kiosk's keys come from, apart from the database:
 *
 * 1. systemd credentials, when the host runs under systemd with `LoadCredentialEncrypted=` (the credential is
 *    sealed with `systemd-creds encrypt --with-key=auto`: to the TPM2 chip where the machine has one, else to
 *    the host key). systemd decrypts it into `$CREDENTIALS_DIRECTORY/<name>`, readable by the service only.
 *    - `kiosk-data-kek`: a key-encryption key; the data-key file is then stored wrapped and is useless on a
 *      stolen disk without the TPM;
 *    - `kiosk-audit-key`: the audit chain's HMAC key.
 * 2. Otherwise plain key files (0600) in a key folder (0700) outside the data folder: by default
 *    `<dataDir>-keys/` beside it, or `store.keyDir`.
 *
 * A data-key file found at the old place (`<dataDir>/keys/data.key`, next to the database) is moved once.
 */
import {
  chmodSync,
  existsSync,
  mkdirSync,
  readFileSync,
  renameSync,
  rmdirSync,
  copyFileSync,
  unlinkSync,
} from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { StoreError } from './errors';
import { FileKeyProvider } from './keys';

export interface KeyLocationConfig {
  dataDir: string;
  /** Folder of `data.key` and `audit.key`; default `<dataDir>-keys` beside the data folder. */
  keyDir: string | null;
  /** The data-key file; default `<keyDir>/data.key`. */
  keyFile: string | null;
  /** systemd credential names. */
  credentials: { dataKek: string; auditKey: string };
}

export interface OpenedKeys {
  keys: FileKeyProvider;
  keyFile: string;
  /** Where each secret came from (for the start-up log; never the secret). */
  dataKey: 'file' | 'file-wrapped-by-credential';
  auditKey: 'file' | 'credential';
  /** The old key file that was moved out of the data folder, if any. */
  movedFrom: string | null;
}

export function defaultKeyDir(dataDir: string): string {
  return `${resolve(dataDir)}-keys`;
}

/**
 * A 32-byte secret from `$CREDENTIALS_DIRECTORY/<name>`: raw 32 bytes, or 32 bytes as base64 or hex text.
 * Null when not running with that credential.
 */
export function readCredential(name: string, env: NodeJS.ProcessEnv = process.env): Buffer | null {
  const dir = env.CREDENTIALS_DIRECTORY;
  if (!dir || !/^[A-Za-z0-9_.-]+$/.test(name)) return null;
  const path = join(dir, name);
  if (!existsSync(path)) return null;
  const raw = readFileSync(path);
  if (raw.length === 32) return raw;
  const text = raw.toString('utf8').trim();
  const asHex = /^[0-9a-fA-F]{64}$/.test(text) ? Buffer.from(text, 'hex') : null;
  const key = asHex ?? Buffer.from(text, 'base64');
  if (key.length !== 32)
    throw new StoreError('store-key-file-invalid', `credential ${name} is not a 32-byte key`);
  return key;
}

function moveFile(from: string, to: string): void {
  mkdirSync(dirname(to), { recursive: true, mode: 0o700 });
  try {
    renameSync(from, to);
  } catch {
    copyFileSync(from, to); // another file system
    unlinkSync(from);
  }
}

export function openKeys(cfg: KeyLocationConfig, env: NodeJS.ProcessEnv = process.env): OpenedKeys {
  const keyDir = cfg.keyDir ? resolve(cfg.keyDir) : defaultKeyDir(cfg.dataDir);
  const keyFile = cfg.keyFile ? resolve(cfg.keyFile) : join(keyDir, 'data.key');
  let movedFrom: string | null = null;
  const legacy = join(resolve(cfg.dataDir), 'keys', 'data.key');
  if (!cfg.keyFile && legacy !== keyFile && existsSync(legacy) && !existsSync(keyFile)) {
    moveFile(legacy, keyFile);
    movedFrom = legacy;
    const legacyAudit = join(dirname(legacy), 'audit.key');
    const auditFile = join(keyDir, 'audit.key');
    if (existsSync(legacyAudit) && !existsSync(auditFile)) moveFile(legacyAudit, auditFile);
    try {
      rmdirSync(dirname(legacy));
    } catch {
      /* not empty: leave it */
    }
  }
  // Only the kiosk's service user may enter the key folder, even one made by hand with a looser mode.
  mkdirSync(keyDir, { recursive: true, mode: 0o700 });
  chmodSync(keyDir, 0o700);
  const kek = readCredential(cfg.credentials.dataKek, env);
  const audit = readCredential(cfg.credentials.auditKey, env);
  const keys = new FileKeyProvider(keyFile, {
    wrapKey: kek,
    auditKey: audit,
    auditKeyPath: join(keyDir, 'audit.key'),
  });
  return {
    keys,
    keyFile,
    dataKey: kek ? 'file-wrapped-by-credential' : 'file',
    auditKey: audit ? 'credential' : 'file',
    movedFrom,
  };
}
