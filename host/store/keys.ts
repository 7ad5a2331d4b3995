import { randomBytes } from 'node:crypto';
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
import { dirname } from 'node:path';
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
}

interface KeyFileV1 {
  version: 1;
  current: string;
  keys: Record<string, string>;
  lookupSecret: string;
}

function newKeyId(): string {
  return `k${Date.now().toString(36)}${randomBytes(3).toString('hex')}`;
}

function parseKeyFile(text: string, path: string): KeyFileV1 {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (err) {
    throw new StoreError('store-key-file-invalid', `key file ${path} is not JSON`, { cause: err });
  }
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
 * Keys in a JSON file (mode 0600) outside the database, created on first start.
 * Losing the file makes the encrypted columns unreadable — by design; back it up with the same care as a password.
 */
export class FileKeyProvider implements KeyProvider {
  private file: KeyFileV1;

  constructor(readonly path: string) {
    if (existsSync(path)) {
      this.file = parseKeyFile(readFileSync(path, 'utf8'), path);
      chmodSync(path, 0o600);
    } else {
      const id = newKeyId();
      this.file = {
        version: 1,
        current: id,
        keys: { [id]: randomBytes(32).toString('base64') },
        lookupSecret: randomBytes(32).toString('base64'),
      };
      writeSecretFile(path, JSON.stringify(this.file));
    }
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
    writeSecretFile(this.path, JSON.stringify(this.file));
    return { id, key };
  }

  retire(ids: readonly string[]): void {
    const keys = { ...this.file.keys };
    for (const id of ids) if (id !== this.file.current) delete keys[id];
    this.file = { ...this.file, keys };
    writeSecretFile(this.path, JSON.stringify(this.file));
  }

  lookupSecret(): Buffer {
    return Buffer.from(this.file.lookupSecret, 'base64');
  }
}

/** Keys held in memory only: for tests and benchmarks. */
export class MemoryKeyProvider implements KeyProvider {
  private keys = new Map<string, Buffer>();
  private currentId: string;
  private readonly secret = randomBytes(32);

  constructor() {
    this.currentId = this.createKey().id;
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
