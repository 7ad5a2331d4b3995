/**
 * The national exam system's registration of free candidates (thí sinh tự do) for the high-school graduation
 * exam (service 21). No public API specification is known to the project: these are the kiosk's own wire
 * shapes (host/agencies/README.md), to be mapped to the Ministry of Education's real API when one is given.
 */
import { CodedError } from '../../../common/errors';
import { z } from 'zod';

const IsoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);
const Named = z.object({ id: z.string().min(1).max(40), name: z.string().min(1).max(200) });
export type Named = z.infer<typeof Named>;

/** Registration dates, either of which may be unknown (null). */
export const WindowDates = z.object({ opensOn: IsoDate.nullable(), closesOn: IsoDate.nullable() });
export type WindowDates = z.infer<typeof WindowDates>;

/** The registration window as the system states it (null: it does not say). */
export const ExamWindow = WindowDates.extend({ year: z.number().int().min(2000).max(2100) });
export type ExamWindow = z.infer<typeof ExamWindow>;

/** What the system offers: where candidates sit the exam, the subjects, the priority categories. */
export const ExamOptions = z.object({
  window: ExamWindow,
  /** Exam clusters / registration places (điểm đăng ký dự thi) a free candidate may choose. */
  clusters: z.array(Named).min(1),
  subjects: z.object({
    compulsory: z.array(Named),
    electives: z.array(Named).min(1),
    /** How many electives a candidate chooses. */
    choose: z.number().int().min(0).max(10),
  }),
  /** Priority categories (diện ưu tiên); evidence is attached or brought. */
  priorities: z.array(Named),
});
export type ExamOptions = z.infer<typeof ExamOptions>;

export const EvidenceFile = z.object({
  name: z.string().min(1).max(100),
  mime: z.literal('application/pdf'),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
  base64: z.string().min(1),
});
export type EvidenceFile = z.infer<typeof EvidenceFile>;

/** One free candidate's registration. Personal: never logged, never stored by the kiosk after sending. */
export const ExamApplication = z.object({
  candidate: z.object({
    fullName: z.string().min(1).max(100),
    idNumber: z.string().regex(/^\d{12}$/),
    dateOfBirth: z.string().min(4).max(10).nullable(),
    sex: z.string().max(10).nullable(),
    phone: z.string().regex(/^\+?\d{9,15}$/),
    email: z.string().max(100).nullable(),
  }),
  /** not-graduated: sits the exam to graduate; graduated: sits it for admissions only. */
  candidateKind: z.enum(['not-graduated', 'graduated']),
  school: z.object({ name: z.string().min(1).max(200), graduationYear: z.number().int().nullable() }),
  clusterId: z.string().min(1).max(40),
  electives: z.array(z.string().min(1).max(40)).max(10),
  priority: z.object({
    category: z.string().min(1).max(40).nullable(),
    evidence: z.array(EvidenceFile).max(4),
  }),
  /** ISO time the kiosk filed it. */
  filedAt: z.string().min(1),
});
export type ExamApplication = z.infer<typeof ExamApplication>;

export const ExamRegistration = z.object({
  registrationNumber: z.string().regex(/^[A-Z0-9][A-Z0-9-]{5,39}$/),
  receivedAt: z.string().min(1),
  cluster: Named,
  /** The same key sent again: the first registration, not a second one. */
  duplicate: z.boolean(),
});
export type ExamRegistration = z.infer<typeof ExamRegistration>;

export interface ExamRegistrationAdapter {
  /** The window, clusters, subjects and priority categories the system offers now. */
  options(): Promise<ExamOptions>;
  /**
   * Registers one candidate. The same `idempotencyKey` returns the first registration. Throws
   * `ExamWindowClosedError` when the system is outside its registration window, `AgencyError` otherwise.
   */
  register(application: ExamApplication, idempotencyKey: string): Promise<ExamRegistration>;
}

/** The system refused because registration is not open (before `opensOn` or after `closesOn`). */
export class ExamWindowClosedError extends CodedError<'exam-window-closed'> {
  override readonly name = 'ExamWindowClosedError';
  constructor(message: string, options?: { cause?: unknown }) {
    super('exam-window-closed', message, options);
  }
}
