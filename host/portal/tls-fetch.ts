/**
 * Mutual TLS to the gateway: a `fetch`-shaped function over node:https with the kiosk's client certificate
 * (and the gateway's CA), for `HttpPortalOptions.fetch`. Only what the adapter uses: method, headers, body,
 * signal; the answer as a `Response`.
 */
import { readFileSync } from 'node:fs';
import { request as httpsRequest } from 'node:https';

export interface MutualTlsFiles {
  /** PEM client certificate (chain) and its private key (0600), and optionally the gateway's CA bundle. */
  certFile: string;
  keyFile: string;
  caFile?: string | null;
}

export function mutualTlsFetch(files: MutualTlsFiles): typeof fetch {
  const cert = readFileSync(files.certFile);
  const key = readFileSync(files.keyFile);
  const ca = files.caFile ? readFileSync(files.caFile) : undefined;
  return ((input: URL | string, init: RequestInit = {}) =>
    new Promise<Response>((resolve, reject) => {
      const url = new URL(String(input));
      if (url.protocol !== 'https:') return reject(new TypeError('mutual TLS needs an https: URL'));
      const headers = Object.fromEntries(new Headers(init.headers).entries());
      const body = init.body === undefined || init.body === null ? undefined : String(init.body);
      const req = httpsRequest(
        url,
        {
          method: init.method ?? 'GET',
          headers:
            body === undefined ? headers : { ...headers, 'content-length': String(Buffer.byteLength(body)) },
          cert,
          key,
          ...(ca ? { ca } : {}),
          ...(init.signal ? { signal: init.signal } : {}),
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('error', reject);
          res.on('end', () => {
            const status = res.statusCode ?? 502;
            resolve(
              new Response(status === 204 || status === 304 ? null : Buffer.concat(chunks), { status }),
            );
          });
        },
      );
      req.on('error', (err) => reject(init.signal?.aborted ? (init.signal.reason ?? err) : err));
      req.end(body);
    })) as typeof fetch;
}
