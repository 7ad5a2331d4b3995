/** What production mode refuses in a configuration (demo mode refuses none of it). */
import type { KioskConfig } from './schema';

/** The sample gateway client of the mock portal and the README; never valid on a real portal. */
export const SAMPLE_PORTAL_CLIENT_ID = 'kiosk-demo';

function isLoopbackHost(hostname: string): boolean {
  const h = hostname.replace(/^\[|\]$/g, '');
  return h === 'localhost' || h === '::1' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(h);
}

/**
 * What production mode refuses in a configuration, each as a sentence for the technician (empty in demo
 * mode). The test PKI is refused where the certificates are loaded (host/trust/build-trust-store.ts).
 */
export function productionProblems(c: KioskConfig): string[] {
  if (c.mode !== 'production') return [];
  const out: string[] = [];
  if (c.devices.simulator === true)
    out.push('devices.simulator is true: the reader simulator runs only in demo mode ("mode": "demo")');
  if (c.speech.output.kind === 'record')
    out.push(
      'speech.output is "record": recording speech instead of playing it is for demo mode and tests only',
    );
  if (c.dossier.retry)
    out.push(
      'dossier.retry is set: short outbox retry waits are for demo mode and tests only (production keeps the defaults)',
    );
  if (c.portal.url) {
    const u = new URL(c.portal.url);
    if (u.protocol === 'http:' && !isLoopbackHost(u.hostname))
      out.push(`portal.url ${u.origin} is plain http: use https (http only to a loopback proxy)`);
    if (c.portal.clientId === SAMPLE_PORTAL_CLIENT_ID)
      out.push("portal.clientId is the sample credentials' client: set the kiosk's own gateway client");
  }
  if (c.queue.centre) {
    const u = new URL(c.queue.centre.url);
    if (u.protocol === 'http:' && !isLoopbackHost(u.hostname))
      out.push(`queue.centre.url ${u.origin} is plain http: use https (http only to a loopback proxy)`);
  }
  for (const pattern of c.devices.allowedReaders) {
    try {
      new RegExp(pattern);
    } catch {
      out.push(`devices.allowedReaders: ${JSON.stringify(pattern)} is not a regular expression`);
    }
  }
  return out;
}
