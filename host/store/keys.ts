import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import {
  closeSync,
  fsyncSync,
  mkdirSync,
  openSync,
  readFileSync,
  renameSync,
  writeSync,
  chmodSync,
  existsSync,
} from 'node:fs';
import { dirname, join } from 'node:path';
import { StoreError } from './errors';

/** A 256-bit data key and the id stored beside every row it encrypts. */
export interface DataKey {
  readonly id: string;
  readonly key: Buffer;
}

/**
 * Where the store gets its keys. The file implementation below keeps them in a 0600 file outside the
 * database; an Electron build can supply keys wrapped with `safeStorage` by implementing the same interface.
 */
export interface KeyProvider {
  /** The key new rows are encrypted with. */
  current(): DataKey;
  /** Any key still needed to read older rows; throws `store-key-missing`. */
  byId(id: string): Buffer;
  /** Creates a new key and makes it current (used by `rotateKey()`); returns it. */
  createKey(): DataKey;
  /** Forgets keys no row uses any more (called after a successful rotation). */
  retire(ids: readonly string[]): void;
  /** Secret for `cardKey = HMAC-SHA256(secret, idNumber)`. Never rotated: it would orphan drafts. */
  lookupSecret(): Buffer;
  /**
   * The audit chain's HMAC key: a separate secret, never the data key, never rotated with it. `created` is
   * true when this provider made it just now (a database with older rows then re-keys its legacy chain once).
   */
  auditKey(): AuditKey;
}

export interface AuditKey {
  readonly key: Buffer;
  readonly created: boolean;
}

export interface FileKeyProviderOptions {
  /**
   * Key-encryption key (32 bytes), e.g. a systemd credential sealed to the TPM. When given, the key file is
   * stored wrapped (AES-256-GCM) and is useless without it; a plain file found is wrapped on first use.
   */
  wrapKey?: Buffer | null;
  /** The audit HMAC key itself (e.g. from a systemd credential); otherwise a file, see `auditKeyPath`. */
  auditKey?: Buffer | null;
  /** Where the audit HMAC key is kept when not given: default `audit.key` beside the key file. */
  auditKeyPath?: string;
}

interface KeyFileV1 {
  version: 1;
  current: string;
  keys: Record<string, string>;
  lookupSecret: string;
}

/** A key file wrapped under a key-encryption key: AES-256-GCM of the V1 JSON. */
interface KeyFileWrapped {
  version: 2;
  iv: string;
  tag: string;
  data: string;
}

const WRAP_AAD = Buffer.from('kiosk-data-key-file/v2', 'utf8');

function wrap(kek: Buffer, file: KeyFileV1): string {
  const iv = randomBytes(12);
  const c = createCipheriv('aes-256-gcm', kek, iv);
  c.setAAD(WRAP_AAD);
  const data = Buffer.concat([c.update(JSON.stringify(file), 'utf8'), c.final()]);
  const w: KeyFileWrapped = {
    version: 2,
    iv: iv.toString('base64'),
    tag: c.getAuthTag().toString('base64'),
    data: data.toString('base64'),
  };
  return JSON.stringify(w);
}

function unwrap(kek: Buffer, w: KeyFileWrapped, path: string): string {
  try {
    const d = createDecipheriv('aes-256-gcm', kek, Buffer.from(w.iv, 'base64'));
    d.setAAD(WRAP_AAD);
    d.setAuthTag(Buffer.from(w.tag, 'base64'));
    return Buffer.concat([d.update(Buffer.from(w.data, 'base64')), d.final()]).toString('utf8');
  } catch (err) {
    throw new StoreError('store-key-file-invalid', `key file ${path} does not open with the credential`, {
      cause: err,
    });
  }
}

function newKeyId(): string {
  return `k${Date.now().toString(36)}${randomBytes(3).toString('hex')}`;
}

function parseJson(text: string, path: string): unknown {
  try {
    return JSON.parse(text);
  } catch (err) {
    throw new StoreError('store-key-file-invalid', `key file ${path} is not JSON`, { cause: err });
  }
}

/** Reads a key file, plain (V1) or wrapped (V2, needs `kek`); says which it was. Throws `store-key-file-invalid`. */
export function readKeyFile(
  text: string,
  path: string,
  kek: Buffer | null,
): { file: KeyFileV1; wrapped: boolean } {
  const raw = parseJson(text, path) as { version?: unknown };
  if (raw && raw.version === 2) {
    const w = raw as KeyFileWrapped;
    if (typeof w.iv !== 'string' || typeof w.tag !== 'string' || typeof w.data !== 'string')
      throw new StoreError('store-key-file-invalid', `key file ${path} has an unexpected shape`);
    if (!kek)
      throw new StoreError(
        'store-key-file-invalid',
        `key file ${path} is wrapped and the credential that opens it is not available`,
      );
    return { file: parseKeyFile(parseJson(unwrap(kek, w, path), path), path), wrapped: true };
  }
  return { file: parseKeyFile(raw, path), wrapped: false };
}

function parseKeyFile(raw: unknown, path: string): KeyFileV1 {
  const f = raw as Partial<KeyFileV1>;
  const ok =
    f &&
    f.version === 1 &&
    typeof f.current === 'string' &&
    typeof f.lookupSecret === 'string' &&
    typeof f.keys === 'object' &&
    f.keys !== null &&
    typeof f.keys[f.current] === 'string' &&
    Object.values(f.keys).every((k) => typeof k === 'string' && Buffer.from(k, 'base64').length === 32);
  if (!ok) throw new StoreError('store-key-file-invalid', `key file ${path} has an unexpected shape`);
  return f as KeyFileV1;
}

/** Writes `content` to `path` atomically (temp file, fsync, rename) with mode 0600. */
function writeSecretFile(path: string, content: string): void {
  mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
  const tmp = `${path}.tmp-${process.pid}`;
  const fd = openSync(tmp, 'w', 0o600);
  try {
    writeSync(fd, content);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  chmodSync(tmp, 0o600);
  renameSync(tmp, path);
}

/**
 * Keys in a JSON file (mode 0600) outside the database, created on first start — wrapped under a
 * key-encryption key (a TPM-sealed systemd credential) when one is given.
 * Losing the file makes the encrypted columns unreadable — by design; back it up with the same care as a
 * password. A key file created anew while the database holds rows under other keys is not silent: the store
 * dead-letters those rows and raises the `store-key-missing` staff alert (`KioskStore.open`).
 */
export class FileKeyProvider implements KeyProvider {
  private file: KeyFileV1;
  private readonly kek: Buffer | null;
  private readonly audit: AuditKey;
  /** True when this provider created the key file (none was found). */
  readonly created: boolean;

  constructor(
    readonly path: string,
    opts: FileKeyProviderOptions = {},
  ) {
    this.kek = opts.wrapKey ?? null;
    if (this.kek && this.kek.length !== 32)
      throw new StoreError('store-key-file-invalid', 'the key-encryption key must be 32 bytes');
    if (existsSync(path)) {
      const { file, wrapped } = readKeyFile(readFileSync(path, 'utf8'), path, this.kek);
      this.file = file;
      this.created = false;
      if (this.kek && !wrapped) this.save();
      else chmodSync(path, 0o600);
    } else {
      const id = newKeyId();
      this.file = {
        version: 1,
        current: id,
        keys: { [id]: randomBytes(32).toString('base64') },
        lookupSecret: randomBytes(32).toString('base64'),
      };
      this.created = true;
      this.save();
    }
    this.audit = opts.auditKey
      ? { key: opts.auditKey, created: false }
      : loadOrCreateSecret(opts.auditKeyPath ?? join(dirname(path), 'audit.key'));
  }

  private save(): void {
    writeSecretFile(this.path, this.kek ? wrap(this.kek, this.file) : JSON.stringify(this.file));
  }

  auditKey(): AuditKey {
    return this.audit;
  }

  current(): DataKey {
    return { id: this.file.current, key: this.byId(this.file.current) };
  }

  byId(id: string): Buffer {
    const b64 = this.file.keys[id];
    if (b64 === undefined) throw new StoreError('store-key-missing', `data key ${id} is not in the key file`);
    return Buffer.from(b64, 'base64');
  }

  createKey(): DataKey {
    const id = newKeyId();
    const key = randomBytes(32);
    this.file = { ...this.file, current: id, keys: { ...this.file.keys, [id]: key.toString('base64') } };
    this.save();
    return { id, key };
  }

  retire(ids: readonly string[]): void {
    const keys = { ...this.file.keys };
    for (const id of ids) if (id !== this.file.current) delete keys[id];
    this.file = { ...this.file, keys };
    this.save();
  }

  lookupSecret(): Buffer {
    return Buffer.from(this.file.lookupSecret, 'base64');
  }
}

/** A 32-byte secret in a file (base64, mode 0600), created if missing. */
export function loadOrCreateSecret(path: string): AuditKey {
  if (existsSync(path)) {
    const key = Buffer.from(readFileSync(path, 'utf8').trim(), 'base64');
    if (key.length !== 32)
      throw new StoreError('store-key-file-invalid', `secret file ${path} is not 32 bytes`);
    chmodSync(path, 0o600);
    return { key, created: false };
  }
  const key = randomBytes(32);
  writeSecretFile(path, key.toString('base64'));
  return { key, created: true };
}

/** Keys held in memory only: for tests and benchmarks. */
export class MemoryKeyProvider implements KeyProvider {
  private keys = new Map<string, Buffer>();
  private currentId: string;
  private readonly secret = randomBytes(32);
  private readonly audit: AuditKey;

  constructor(auditKey?: Buffer) {
    this.currentId = this.createKey().id;
    this.audit = { key: auditKey ?? randomBytes(32), created: auditKey === undefined };
  }
  auditKey(): AuditKey {
    return this.audit;
  }
  current(): DataKey {
    return { id: this.currentId, key: this.byId(this.currentId) };
  }
  byId(id: string): Buffer {
    const k = this.keys.get(id);
    if (!k) throw new StoreError('store-key-missing', `data key ${id} is not known`);
    return k;
  }
  createKey(): DataKey {
    const id = newKeyId();
    const key = randomBytes(32);
    this.keys.set(id, key);
    this.currentId = id;
    return { id, key };
  }
  retire(ids: readonly string[]): void {
    for (const id of ids) if (id !== this.currentId) this.keys.delete(id);
  }
  lookupSecret(): Buffer {
    return this.secret;
  }
}
