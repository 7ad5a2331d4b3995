import { createEmploymentMock } from './employment/mock';
import { createEvnMock } from './evn/mock';
import { createExamMock } from './exam/mock';
import type { AgencyMockServer } from './mock-server';
import { createTrafficFinesMock } from './traffic-fines/mock';
import { createVehicleRegistrationMock } from './vehicle-registration/mock';

/**
 * Every agency mock by name: `npm run -s agency:mock -- --agency <name>` and demo mode start them (one
 * process each). Add one line per agency; the name is also the key of `agencies.urls` in the config.
 */
export const AGENCY_MOCKS: Record<string, (opts: { recordsPath: string }) => AgencyMockServer> = {
  'traffic-fines': createTrafficFinesMock,
  'vehicle-registration': createVehicleRegistrationMock,
  exam: createExamMock,
  evn: createEvnMock,
  employment: createEmploymentMock,
};
