import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { resolveClientSecret } from './credentials';
import { MOCK_CREDENTIALS } from './mock/server';

const dir = mkdtempSync(join(tmpdir(), 'secret-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('gateway client secret', () => {
  it('comes from the environment first, then a 0600 file; the demo secret only against the mock', () => {
    const file = join(dir, 'secret');
    writeFileSync(file, 'tu-file\n');
    chmodSync(file, 0o600);
    expect(
      resolveClientSecret(
        { clientSecretFile: file, usingMock: false },
        { KIOSK_PORTAL_CLIENT_SECRET: 'tu-env' },
      ),
    ).toBe('tu-env');
    expect(resolveClientSecret({ clientSecretFile: file, usingMock: false }, {})).toBe('tu-file');
    expect(resolveClientSecret({ clientSecretFile: null, usingMock: true }, {})).toBe(
      MOCK_CREDENTIALS.clientSecret,
    );
    expect(() => resolveClientSecret({ clientSecretFile: null, usingMock: false }, {})).toThrow(
      /KIOSK_PORTAL_CLIENT_SECRET/,
    );
  });

  it('refuses a secret file others can read', () => {
    const file = join(dir, 'open');
    writeFileSync(file, 'x\n');
    chmodSync(file, 0o644);
    expect(() => resolveClientSecret({ clientSecretFile: file, usingMock: false }, {})).toThrow(/chmod 600/);
  });
});
