import type { z } from 'zod';
import { AgencyError } from './errors';

/**
 * The wire convention of the agency adapters (and of their mock servers): `POST <baseUrl>/<path>` with a JSON
 * body; the answer is `{ ok: true, result }` or `{ ok: false, code: 'not-found' | 'rejected', message }`.
 * Transport trouble becomes an `AgencyError` with a stable code.
 */
export interface AgencyHttpOptions {
  baseUrl: string;
  /** Per call. Default 8 s. */
  timeoutMs?: number;
  fetch?: typeof fetch;
  /** Extra headers (e.g. an API key from the agency's gateway). */
  headers?: Record<string, string>;
}

export type AgencyAnswer =
  { ok: true; result: unknown } | { ok: false; code: 'not-found' | 'rejected'; message: string };

/** Calls one operation and validates the result with `schema`. */
export async function callAgency<S extends z.ZodTypeAny>(
  opts: AgencyHttpOptions,
  path: string,
  body: unknown,
  schema: S,
): Promise<z.infer<S>> {
  const doFetch = opts.fetch ?? fetch;
  const url = `${opts.baseUrl.replace(/\/+$/, '')}/${path.replace(/^\/+/, '')}`;
  let res: Response;
  try {
    res = await doFetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json', ...opts.headers },
      body: JSON.stringify(body),
      signal: AbortSignal.timeout(opts.timeoutMs ?? 8000),
    });
  } catch (e) {
    const name = (e as { name?: string }).name;
    if (name === 'TimeoutError' || name === 'AbortError')
      throw new AgencyError('agency-timeout', `${path}: no answer in time`, { cause: e });
    throw new AgencyError('agency-unreachable', `${path}: cannot connect`, { cause: e });
  }
  if (res.status >= 500) throw new AgencyError('agency-server-error', `${path}: HTTP ${res.status}`);
  let json: unknown;
  try {
    json = await res.json();
  } catch (e) {
    throw new AgencyError('agency-bad-response', `${path}: answer is not JSON`, { cause: e });
  }
  const a = json as Partial<{ ok: boolean; code: string; message: string; result: unknown }>;
  if (a?.ok === false) {
    const msg = typeof a.message === 'string' ? a.message : '';
    if (a.code === 'not-found') throw new AgencyError('agency-not-found', `${path}: ${msg}`);
    throw new AgencyError('agency-rejected', `${path}: ${msg}`);
  }
  if (res.status !== 200 || a?.ok !== true)
    throw new AgencyError('agency-bad-response', `${path}: HTTP ${res.status}`);
  const parsed = schema.safeParse(a.result);
  if (!parsed.success)
    throw new AgencyError(
      'agency-bad-response',
      `${path}: unexpected result at ${parsed.error.issues[0]?.path.join('.') ?? ''}`,
    );
  return parsed.data;
}
