import { AgencyError } from '../errors';
import { type AgencyHttpOptions, callAgency } from '../http-client';
import {
  ExamOptions,
  ExamRegistration,
  type ExamApplication,
  type ExamRegistrationAdapter,
  ExamWindowClosedError,
} from './types';

/** Why the system refused a registration: the reason code it puts first in its refusal message. */
export const WINDOW_CLOSED_REASON = 'window-closed';

/** `ExamRegistrationAdapter` over HTTP (`POST <baseUrl>/options`, `POST <baseUrl>/register`). */
export class HttpExamAdapter implements ExamRegistrationAdapter {
  constructor(private readonly opts: AgencyHttpOptions) {}

  options(): Promise<ExamOptions> {
    return callAgency(this.opts, 'options', {}, ExamOptions);
  }

  async register(application: ExamApplication, idempotencyKey: string): Promise<ExamRegistration> {
    try {
      return await callAgency(
        { ...this.opts, headers: { ...this.opts.headers, 'idempotency-key': idempotencyKey } },
        'register',
        { idempotencyKey, application },
        ExamRegistration,
      );
    } catch (e) {
      if (
        e instanceof AgencyError &&
        e.code === 'agency-rejected' &&
        e.message.includes(`: ${WINDOW_CLOSED_REASON}`)
      )
        throw new ExamWindowClosedError('registration window closed', { cause: e });
      throw e;
    }
  }
}
