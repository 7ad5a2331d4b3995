/**
 * Agency services (host/agencies): 21 exam registration, 23–25 forms taken by an agency's own system, and
 * 07 vehicle registration / 08 traffic fines (host/agencies/handlers.ts). A service whose system has no URL
 * (and no demo mock) is unavailable.
 */
import type { Handlers } from '../api/kiosk-host';
import type { AgencyEndpoint } from '../agencies/endpoints';
import { HttpExamAdapter } from '../agencies/exam/http-adapter';
import { ExamService } from '../agencies/exam/service';
import { HttpFormsAgencyAdapter } from '../agencies/forms/http-adapter';
import { AgencyFormsService } from '../agencies/forms/service';
import { createAgencyHandlers } from '../agencies/handlers';
import type { KioskConfig } from '../config/config';
import type { PrinterService } from '../printer';
import type { SessionManager } from '../session/session-manager';

type ExamFormsMethod = Extract<keyof Handlers, `exam.${string}` | 'agencyForms.submit'>;

export function agencyPart(o: {
  config: KioskConfig;
  sessions: SessionManager;
  printer: PrinterService | null;
  agencies: ReadonlyMap<string, AgencyEndpoint>;
}): {
  handlers: Pick<Handlers, ExamFormsMethod> & ReturnType<typeof createAgencyHandlers>['handlers'];
  /** Demo mode's extra methods of the agency mocks. */
  demo: Partial<Handlers>;
} {
  const { sessions, printer, agencies } = o;
  // Service 21: the exam system (host/agencies/exam); unavailable without its URL or demo mock.
  const examEndpoint = agencies.get('exam');
  const exams = new ExamService({
    adapter: examEndpoint
      ? new HttpExamAdapter({ baseUrl: examEndpoint.url, timeoutMs: examEndpoint.timeoutMs })
      : null,
    sessions,
    window: o.config.exam.window,
    printer,
  });
  // Services 23/24/25: forms taken by an agency's own system (host/agencies/forms); unavailable without its URL.
  const agencyForms = new AgencyFormsService({
    adapter: (agency) => {
      const e = agencies.get(agency);
      return e ? new HttpFormsAgencyAdapter({ baseUrl: e.url, timeoutMs: e.timeoutMs }) : null;
    },
    sessions,
    printer,
  });
  // 07 vehicle registration, 08 traffic fines.
  const agencyApi = createAgencyHandlers({ config: o.config, sessions, printer, agencies });
  return {
    handlers: {
      'exam.options': ({ serviceId }) => exams.options(serviceId),
      'exam.register': (p) => exams.register(p),
      'agencyForms.submit': (p) => agencyForms.submit(p),
      ...agencyApi.handlers,
    },
    demo: agencyApi.demo,
  };
}
