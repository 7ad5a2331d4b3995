/**
 * The portal's TLS certificate check against a real https server with a certificate made by openssl: its
 * expiry is reported, and an untrusted certificate fails with the reason.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KioskConfig } from '../config/config';
import { portalTlsCheck } from './portal-checks';

let dir: string;
let server: Server;
let url: string;

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'kiosk-doctor-tls-'));
  execFileSync(
    'openssl',
    [
      'req',
      '-x509',
      '-newkey',
      'ec',
      '-pkeyopt',
      'ec_paramgen_curve:P-256',
      '-nodes',
      '-days',
      '10',
      '-subj',
      '/CN=localhost',
      '-addext',
      'subjectAltName=DNS:localhost',
      '-keyout',
      path.join(dir, 'key.pem'),
      '-out',
      path.join(dir, 'cert.pem'),
    ],
    { stdio: 'ignore' },
  );
  server = createServer(
    { key: readFileSync(path.join(dir, 'key.pem')), cert: readFileSync(path.join(dir, 'cert.pem')) },
    (_req, res) => res.end('ok'),
  );
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  url = `https://localhost:${(server.address() as AddressInfo).port}/`;
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));

const expiry = (): string =>
  execFileSync('openssl', ['x509', '-in', path.join(dir, 'cert.pem'), '-noout', '-enddate'], {
    encoding: 'utf8',
  });

describe('portal TLS certificate', () => {
  it('reports the expiry of a trusted certificate, and warns when it ends within 30 days', async () => {
    const tls = {
      certFile: path.join(dir, 'cert.pem'),
      keyFile: path.join(dir, 'key.pem'),
      caFile: path.join(dir, 'cert.pem'),
    };
    const v = await portalTlsCheck(KioskConfig.parse({ portal: { url, tls } }));
    const notAfter = new Date(
      expiry()
        .trim()
        .replace(/^notAfter=/, ''),
    ).toISOString();
    expect(v).toMatchObject({ status: 'warn', data: { notAfter, authorized: true, subject: 'localhost' } });
    expect(v.data?.daysLeft).toBeGreaterThanOrEqual(9);
    expect(v.detail).toContain(`certificate valid until ${notAfter.slice(0, 10)}`);
  });

  it('fails a certificate the kiosk does not trust, with the reason', async () => {
    const v = await portalTlsCheck(KioskConfig.parse({ portal: { url } }));
    expect(v.status).toBe('fail');
    expect(v.detail).toMatch(/not trusted: .*(SELF_SIGNED|self.signed)/i);
  });

  it('fails an expired certificate (checked at a later date)', async () => {
    const v = await portalTlsCheck(KioskConfig.parse({ portal: { url } }), Date.now() + 20 * 86_400_000);
    expect(v.status).toBe('fail');
    expect(v.detail).toContain('expired on');
  });
});
