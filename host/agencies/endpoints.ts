import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { KioskConfig } from '../config/config';
import { AGENCY_MOCKS } from './mocks';
import { startAgencyMock, type StartedAgencyMock } from './start';

export interface AgencyEndpoint {
  url: string;
  timeoutMs: number;
  mock: StartedAgencyMock | null;
}

/** Where the agency mocks of demo mode keep their records: outside the kiosk's data folder. */
export function mockAgenciesDataDir(config: KioskConfig): string {
  return config.agencies.mockDataDir ?? `${path.resolve(config.dataDir)}-mock-agencies`;
}

/**
 * The configured agency systems by name; in demo mode (with `agencies.mock`), the mock of every agency that
 * has no URL, each in its own process. Never a mock in production: an agency with no URL is simply absent
 * and its service says so.
 */
export async function startAgencyEndpoints(config: KioskConfig): Promise<Map<string, AgencyEndpoint>> {
  const out = new Map<string, AgencyEndpoint>();
  const { urls, timeoutMs } = config.agencies;
  for (const [name, url] of Object.entries(urls)) out.set(name, { url, timeoutMs, mock: null });
  if (config.mode !== 'demo' || !config.agencies.mock) return out;
  const dir = mockAgenciesDataDir(config);
  const missing = Object.keys(AGENCY_MOCKS).filter((n) => !out.has(n));
  if (missing.length > 0) mkdirSync(dir, { recursive: true, mode: 0o700 });
  const started = await Promise.all(
    missing.map((agency) => startAgencyMock({ agency, recordsPath: path.join(dir, `${agency}.json`) })),
  );
  for (const m of started) out.set(m.agency, { url: m.url, timeoutMs, mock: m });
  return out;
}
