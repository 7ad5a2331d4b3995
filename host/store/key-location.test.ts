import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { FileKeyProvider } from './keys';
import { defaultKeyDir, openKeys, readCredential } from './key-location';
import { KioskStore } from './store';
import { sampleEnqueue, scratchDir } from './testing/test-helpers';

const cleanups: (() => void)[] = [];
afterEach(() => {
  while (cleanups.length) cleanups.pop()?.();
});

const CREDS = { dataKek: 'kiosk-data-kek', auditKey: 'kiosk-audit-key' };

function scratch() {
  const s = scratchDir('keyloc-');
  cleanups.push(s.cleanup);
  return s.dir;
}

describe('key location', () => {
  it('keeps the key files 0600 in a 0700 folder beside the data folder, not in it', () => {
    const root = scratch();
    const dataDir = join(root, 'data');
    const k = openKeys({ dataDir, keyDir: null, keyFile: null, credentials: CREDS }, {});
    expect(k.keyFile).toBe(join(root, 'data-keys', 'data.key'));
    expect(defaultKeyDir(dataDir)).toBe(join(root, 'data-keys'));
    expect(k).toMatchObject({ dataKey: 'file', auditKey: 'file', movedFrom: null });
    expect(statSync(k.keyFile).mode & 0o777).toBe(0o600);
    expect(statSync(join(root, 'data-keys', 'audit.key')).mode & 0o777).toBe(0o600);
    expect(statSync(join(root, 'data-keys')).mode & 0o777).toBe(0o700);
    expect(existsSync(join(dataDir, 'keys'))).toBe(false);
    // The audit key is its own secret, not in the data-key file.
    const auditKey = k.keys.auditKey().key.toString('base64');
    expect(readFileSync(k.keyFile, 'utf8')).not.toContain(auditKey);
  });

  it('tightens a key folder made by hand with a looser mode', () => {
    const root = scratch();
    mkdirSync(join(root, 'secrets'), { mode: 0o755 });
    openKeys(
      { dataDir: join(root, 'data'), keyDir: join(root, 'secrets'), keyFile: null, credentials: CREDS },
      {},
    );
    expect(statSync(join(root, 'secrets')).mode & 0o777).toBe(0o700);
  });

  it('moves a key file found next to the database out of the data folder once', () => {
    const root = scratch();
    const dataDir = join(root, 'data');
    const old = new FileKeyProvider(join(dataDir, 'keys', 'data.key'));
    const k = openKeys({ dataDir, keyDir: join(root, 'secrets'), keyFile: null, credentials: CREDS }, {});
    expect(k.movedFrom).toBe(join(dataDir, 'keys', 'data.key'));
    expect(k.keyFile).toBe(join(root, 'secrets', 'data.key'));
    expect(existsSync(join(dataDir, 'keys'))).toBe(false);
    expect(k.keys.current().key.equals(old.current().key)).toBe(true);
    expect(k.keys.created).toBe(false);
  });

  it('wraps the data-key file with a systemd credential: the file alone opens nothing', () => {
    const root = scratch();
    const credDir = join(root, 'creds');
    mkdirSync(credDir);
    const kek = randomBytes(32);
    writeFileSync(join(credDir, 'kiosk-data-kek'), kek.toString('base64'));
    writeFileSync(join(credDir, 'kiosk-audit-key'), randomBytes(32)); // raw bytes work too
    const env = { CREDENTIALS_DIRECTORY: credDir };
    const dataDir = join(root, 'data');
    const k = openKeys({ dataDir, keyDir: null, keyFile: null, credentials: CREDS }, env);
    expect(k).toMatchObject({ dataKey: 'file-wrapped-by-credential', auditKey: 'credential' });
    expect(existsSync(join(root, 'data-keys', 'audit.key'))).toBe(false);
    const onDisk = readFileSync(k.keyFile, 'utf8');
    expect(JSON.parse(onDisk)).toMatchObject({ version: 2 });
    expect(onDisk).not.toContain(k.keys.current().key.toString('base64'));
    expect(onDisk).not.toContain(k.keys.lookupSecret().toString('base64'));

    const store = KioskStore.open({ path: join(dataDir, 'kiosk.db'), keys: k.keys });
    store.enqueueDossier(sampleEnqueue(1));
    store.close();
    // Without the credential (a stolen disk) the key file does not open.
    expect(() => openKeys({ dataDir, keyDir: null, keyFile: null, credentials: CREDS }, {})).toThrow(
      expect.objectContaining({ code: 'store-key-file-invalid' }),
    );
    // With it, a restart reads the same keys and the same audit key.
    const again = openKeys({ dataDir, keyDir: null, keyFile: null, credentials: CREDS }, env);
    const s2 = KioskStore.open({ path: join(dataDir, 'kiosk.db'), keys: again.keys });
    cleanups.unshift(() => s2.close());
    expect(s2.dueDossiers(Date.now() + 1, 5)).toHaveLength(1);
    expect(s2.verifyAudit().ok).toBe(true);
  });

  it('wraps a plain key file on the first start with a credential', () => {
    const root = scratch();
    const dataDir = join(root, 'data');
    const plain = openKeys({ dataDir, keyDir: null, keyFile: null, credentials: CREDS }, {});
    const credDir = join(root, 'creds');
    mkdirSync(credDir);
    writeFileSync(join(credDir, 'kiosk-data-kek'), randomBytes(32).toString('hex'));
    const wrapped = openKeys(
      { dataDir, keyDir: null, keyFile: null, credentials: CREDS },
      { CREDENTIALS_DIRECTORY: credDir },
    );
    expect(wrapped.keys.current().key.equals(plain.keys.current().key)).toBe(true);
    expect(JSON.parse(readFileSync(wrapped.keyFile, 'utf8'))).toMatchObject({ version: 2 });
  });

  it('refuses a credential that is not a 32-byte key', () => {
    const dir = scratch();
    writeFileSync(join(dir, 'kiosk-data-kek'), 'short');
    expect(() => readCredential('kiosk-data-kek', { CREDENTIALS_DIRECTORY: dir })).toThrow(
      expect.objectContaining({ code: 'store-key-file-invalid' }),
    );
    expect(readCredential('kiosk-data-kek', {})).toBeNull();
    expect(readCredential('../etc/passwd', { CREDENTIALS_DIRECTORY: dir })).toBeNull();
  });
});
