import { readFileSync, statSync } from 'node:fs';
import { MOCK_CREDENTIALS } from './mock/server';

/**
 * The gateway client secret: env `KIOSK_PORTAL_CLIENT_SECRET`, else the first line of `clientSecretFile`
 * (must not be readable by group/others), else — only against the mock — the mock's demo secret.
 * Never from the JSON config file, never logged.
 */
export function resolveClientSecret(
  portal: { clientSecretFile: string | null; usingMock: boolean },
  env: NodeJS.ProcessEnv = process.env,
): string {
  const fromEnv = env.KIOSK_PORTAL_CLIENT_SECRET;
  if (fromEnv) return fromEnv;
  if (portal.clientSecretFile) {
    const st = statSync(portal.clientSecretFile);
    if ((st.mode & 0o077) !== 0)
      throw new Error(`${portal.clientSecretFile} must be readable by its owner only (chmod 600)`);
    const secret = readFileSync(portal.clientSecretFile, 'utf8').split(/\r?\n/)[0]?.trim() ?? '';
    if (!secret) throw new Error(`${portal.clientSecretFile} is empty`);
    return secret;
  }
  if (portal.usingMock) return MOCK_CREDENTIALS.clientSecret;
  throw new Error('No portal client secret: set KIOSK_PORTAL_CLIENT_SECRET or portal.clientSecretFile');
}
