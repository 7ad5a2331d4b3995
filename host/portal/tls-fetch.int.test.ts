import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HttpPortalAdapter } from './http-adapter';
import { mutualTlsFetch } from './tls-fetch';

const dir = mkdtempSync(join(tmpdir(), 'mtls-'));
const f = (n: string) => join(dir, n);
const ssl = (...args: string[]) => execFileSync('openssl', args, { stdio: 'pipe' });
let server: Server;
let url = '';
const seen: { authorized: boolean; cn: string | null }[] = [];

beforeAll(async () => {
  // A test CA that signs the gateway's server certificate and the kiosk's client certificate (openssl CLI).
  ssl(
    'req',
    '-x509',
    '-newkey',
    'rsa:2048',
    '-nodes',
    '-keyout',
    f('ca.key'),
    '-out',
    f('ca.pem'),
    '-days',
    '1',
    '-subj',
    '/CN=Test gateway CA',
  );
  for (const [name, cn, ext] of [
    ['server', 'localhost', 'subjectAltName=IP:127.0.0.1'],
    ['client', 'kiosk-01', 'extendedKeyUsage=clientAuth'],
  ] as const) {
    writeFileSync(f(`${name}.ext`), `${ext}\n`);
    ssl(
      'req',
      '-newkey',
      'rsa:2048',
      '-nodes',
      '-keyout',
      f(`${name}.key`),
      '-out',
      f(`${name}.csr`),
      '-subj',
      `/CN=${cn}`,
    );
    ssl(
      'x509',
      '-req',
      '-in',
      f(`${name}.csr`),
      '-CA',
      f('ca.pem'),
      '-CAkey',
      f('ca.key'),
      '-CAcreateserial',
      '-out',
      f(`${name}.pem`),
      '-days',
      '1',
      '-extfile',
      f(`${name}.ext`),
    );
  }
  server = createServer(
    {
      key: readFileSync(f('server.key')),
      cert: readFileSync(f('server.pem')),
      ca: readFileSync(f('ca.pem')),
      requestCert: true,
      rejectUnauthorized: true,
    },
    (req, res) => {
      const peer = (req.socket as import('node:tls').TLSSocket).getPeerCertificate();
      seen.push({
        authorized: (req.socket as import('node:tls').TLSSocket).authorized,
        cn: peer?.subject?.CN ? String(peer.subject.CN) : null,
      });
      res.setHeader('content-type', 'application/json');
      if (req.url?.endsWith('/token'))
        res.end(JSON.stringify({ access_token: 't', token_type: 'Bearer', expires_in: 60 }));
      else res.end(JSON.stringify({ error_code: '00', result: [] }));
    },
  );
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  url = `https://127.0.0.1:${(server.address() as AddressInfo).port}/lgsp`;
});
afterAll(async () => {
  await new Promise<void>((r) => server?.close(() => r()));
  rmSync(dir, { recursive: true, force: true });
});

describe('mutual TLS to the gateway', () => {
  it('presents the kiosk certificate and trusts only the configured CA', async () => {
    const adapter = new HttpPortalAdapter({
      baseUrl: url,
      clientId: 'c',
      clientSecret: 's',
      fetch: mutualTlsFetch({ certFile: f('client.pem'), keyFile: f('client.key'), caFile: f('ca.pem') }),
    });
    expect(await adapter.listProcedures('000.30.01.H22')).toEqual([]);
    expect(seen.at(-1)).toEqual({ authorized: true, cn: 'kiosk-01' });
  });

  it('without the gateway CA the server is not trusted: portal-unreachable, retryable', async () => {
    const adapter = new HttpPortalAdapter({
      baseUrl: url,
      clientId: 'c',
      clientSecret: 's',
      fetch: mutualTlsFetch({ certFile: f('client.pem'), keyFile: f('client.key') }),
    });
    await expect(adapter.login()).rejects.toMatchObject({ code: 'portal-unreachable', retryable: true });
  });
});
