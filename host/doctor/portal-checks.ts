/**
 * Checks of the portal: the configured URL answers over HTTP(S) (any HTTP status counts: the server is there),
 * the token endpoint accepts the kiosk's client credentials (the adapter's own login, nothing else is sent),
 * the clock skew against the server's `Date` header, and the TLS certificate's expiry when https.
 */
import { connect as tlsConnect, type PeerCertificate } from 'node:tls';
import { readFileSync } from 'node:fs';
import { isIP } from 'node:net';
import type { KioskConfig } from '../config/config';
import { resolveClientSecret } from '../portal/credentials';
import { PortalError } from '../portal/errors';
import { HttpPortalAdapter } from '../portal/http-adapter';
import { mutualTlsFetch } from '../portal/tls-fetch';
import { fail, pass, skip, type Verdict, warn } from './check';

/** Clock skew limits (seconds): the `Date` header has a one-second resolution. */
export const SKEW_WARN_S = 30;
export const SKEW_FAIL_S = 300;
/** TLS certificate days left before a warning. */
export const TLS_WARN_DAYS = 30;

export interface PortalProbe {
  url: string | null;
  /** Reachability, once for the three checks that need it. */
  contact: Promise<
    | { ok: true; status: number; date: string | null; rttMs: number; skewMs: number | null }
    | { ok: false; reason: string }
  > | null;
}

function noPortal(config: KioskConfig): Verdict {
  return config.mode === 'demo' && config.portal.mock
    ? skip('demo mode: the kiosk starts its own mock portal (no portal.url)')
    : fail('portal.url is not configured');
}

export function portalProbe(config: KioskConfig, fetchImpl?: typeof fetch): PortalProbe {
  const url = config.portal.url;
  if (!url) return { url, contact: null };
  const f = fetchImpl ?? (config.portal.tls ? mutualTlsFetch(config.portal.tls) : globalThis.fetch);
  const contact = (async () => {
    const t0 = Date.now();
    try {
      const res = await f(url, { method: 'GET', signal: AbortSignal.timeout(config.portal.timeoutMs) });
      const t1 = Date.now();
      await res.arrayBuffer().catch(() => undefined);
      const date = res.headers.get('date');
      const server = date ? Date.parse(date) : Number.NaN;
      return {
        ok: true as const,
        status: res.status,
        date,
        rttMs: t1 - t0,
        skewMs: Number.isNaN(server) ? null : server - Math.round((t0 + t1) / 2),
      };
    } catch (e) {
      const err = e as Error & { cause?: { code?: string; message?: string } };
      return { ok: false as const, reason: err.cause?.code ?? err.cause?.message ?? err.message };
    }
  })();
  return { url, contact };
}

export async function portalReachableCheck(config: KioskConfig, probe: PortalProbe): Promise<Verdict> {
  if (!probe.contact) return noPortal(config);
  const c = await probe.contact;
  const origin = new URL(probe.url!).origin;
  if (!c.ok) return fail(`${origin} cannot be reached: ${c.reason}`, { url: origin });
  return pass(`${origin} answers (HTTP ${c.status}) in ${c.rttMs} ms`, {
    url: origin,
    httpStatus: c.status,
    rttMs: c.rttMs,
  });
}

export async function portalAuthCheck(config: KioskConfig, env: NodeJS.ProcessEnv): Promise<Verdict> {
  const url = config.portal.url;
  if (!url) return noPortal(config);
  let clientSecret: string;
  try {
    clientSecret = resolveClientSecret(
      { clientSecretFile: config.portal.clientSecretFile, usingMock: false },
      env,
    );
  } catch (e) {
    return fail(`no client secret: ${(e as Error).message}`);
  }
  const adapter = new HttpPortalAdapter({
    baseUrl: url,
    ...(config.portal.tokenUrl ? { tokenUrl: config.portal.tokenUrl } : {}),
    clientId: config.portal.clientId,
    clientSecret,
    timeoutMs: config.portal.timeoutMs,
    ...(config.portal.tls ? { fetch: mutualTlsFetch(config.portal.tls) } : {}),
  });
  try {
    await adapter.login();
    return pass(`token endpoint accepts client ${config.portal.clientId}`, {
      clientId: config.portal.clientId,
    });
  } catch (e) {
    const code = e instanceof PortalError ? e.code : 'error';
    const why =
      code === 'portal-auth-failed'
        ? `the gateway refuses client ${config.portal.clientId} (check the client id and secret)`
        : (e as Error).message;
    return fail(`token: ${why}`, { code });
  }
}

export async function portalClockCheck(config: KioskConfig, probe: PortalProbe): Promise<Verdict> {
  if (!probe.contact) return noPortal(config);
  const c = await probe.contact;
  if (!c.ok) return fail(`cannot compare clocks: ${c.reason}`);
  if (c.skewMs === null) return warn('the portal sends no Date header: clock skew unknown');
  const s = Math.round(c.skewMs / 1000);
  const data = { skewSeconds: s, serverDate: c.date };
  const text = `kiosk clock ${s === 0 ? 'agrees with the portal (±1 s)' : `is ${Math.abs(s)} s ${s > 0 ? 'behind' : 'ahead of'} the portal`}`;
  if (Math.abs(s) > SKEW_FAIL_S) return fail(`${text}: fix the time (NTP)`, data);
  if (Math.abs(s) > SKEW_WARN_S) return warn(`${text}: check NTP`, data);
  return pass(text, data);
}

function peerCertificate(
  config: KioskConfig,
  url: URL,
): Promise<{ cert: PeerCertificate; authorized: boolean; error: string | null }> {
  const tls = config.portal.tls;
  return new Promise((resolve, reject) => {
    const socket = tlsConnect({
      host: url.hostname,
      port: Number(url.port || 443),
      ...(isIP(url.hostname.replace(/^\[|\]$/g, '')) ? {} : { servername: url.hostname }),
      rejectUnauthorized: false,
      timeout: config.portal.timeoutMs,
      ...(tls?.caFile ? { ca: readFileSync(tls.caFile) } : {}),
      ...(tls ? { cert: readFileSync(tls.certFile), key: readFileSync(tls.keyFile) } : {}),
    });
    socket.once('secureConnect', () => {
      const cert = socket.getPeerCertificate();
      const error = socket.authorizationError ? String(socket.authorizationError) : null;
      resolve({ cert, authorized: socket.authorized, error });
      socket.end();
    });
    socket.once('timeout', () => {
      socket.destroy();
      reject(new Error('TLS handshake timed out'));
    });
    socket.once('error', reject);
  });
}

export async function portalTlsCheck(config: KioskConfig, now = Date.now()): Promise<Verdict> {
  if (!config.portal.url) return noPortal(config);
  const url = new URL(config.portal.url);
  if (url.protocol !== 'https:')
    return skip(`plain http to ${url.hostname} (loopback proxy): no certificate`);
  const { cert, authorized, error } = await peerCertificate(config, url);
  const notAfter = new Date(cert.valid_to);
  const days = Math.floor((notAfter.getTime() - now) / 86_400_000);
  const data = {
    subject: cert.subject?.CN ?? null,
    issuer: cert.issuer?.CN ?? null,
    notAfter: notAfter.toISOString(),
    daysLeft: days,
    authorized,
  };
  if (days < 0)
    return fail(`the portal's certificate expired on ${notAfter.toISOString().slice(0, 10)}`, data);
  if (!authorized) return fail(`the portal's certificate is not trusted: ${error ?? 'unknown reason'}`, data);
  const text = `certificate valid until ${notAfter.toISOString().slice(0, 10)} (${days} days)`;
  return days < TLS_WARN_DAYS ? warn(text, data) : pass(text, data);
}
