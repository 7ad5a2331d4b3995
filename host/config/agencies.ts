/** Configuration of the agency systems other than the TTHC portal (host/agencies). */
import { z } from 'zod';
import { WindowDates } from '../agencies/exam/types';

/** Vehicle registration, traffic fines, …: each agency's URL, or demo mode's mocks. */
export const AgenciesConfig = z.object({
  /** Each agency's base URL by name (a name of host/agencies/mocks.ts); a service with none is unavailable. */
  urls: z.record(z.string(), z.string().url()).default({}),
  /** Demo mode only: start the mock of every agency with no URL, each in its own process. */
  mock: z.boolean().default(true),
  /** Demo mode only: the mocks' records folder (default `<dataDir>-mock-agencies`, outside the data dir). */
  mockDataDir: z.string().nullable().default(null),
  timeoutMs: z.number().int().min(500).default(8000),
});

/**
 * Service 21 (exam registration): the registration window when a source gives it. null (the default): the
 * exam system's own dates, "unknown" when it gives none — never invented.
 */
export const ExamConfig = z.object({
  window: WindowDates.nullable().default(null),
});
