/** The doctor's report: every check by id, with a verdict and a reason a technician can act on. */
import { z } from 'zod';

/** Every check, in the order the report lists them. */
export const CHECK_IDS = [
  'version',
  'config',
  'disk',
  'pcscd',
  'readers',
  'card',
  'card-read',
  'qr-scanner',
  'qr-scan',
  'printer',
  'audio',
  'portal-reachable',
  'portal-auth',
  'portal-clock',
  'portal-tls',
  'csca',
] as const;
export const CheckId = z.enum(CHECK_IDS);
export type CheckId = z.infer<typeof CheckId>;

/** `skip`: not applicable here or not asked for (`--read`, `--scan`); never a failure. */
export const CheckStatus = z.enum(['pass', 'warn', 'fail', 'skip']);
export type CheckStatus = z.infer<typeof CheckStatus>;

export const CheckResult = z.object({
  id: CheckId,
  status: CheckStatus,
  /** One sentence: what was found, or why it failed. No personal data, ever. */
  detail: z.string().min(1),
  durationMs: z.number().int().nonnegative(),
  /** Machine-readable facts (reader names, ATRs, expiry dates, skew, checksum…). */
  data: z.record(z.string(), z.unknown()).default({}),
});
export type CheckResult = z.infer<typeof CheckResult>;

export const DoctorReport = z
  .object({
    tool: z.literal('kiosk-doctor'),
    version: z.string(),
    mode: z.enum(['production', 'demo']),
    startedAt: z.string().datetime(),
    checks: z.array(CheckResult),
    summary: z.object({
      pass: z.number().int(),
      warn: z.number().int(),
      fail: z.number().int(),
      skip: z.number().int(),
    }),
    ok: z.boolean(),
  })
  .refine((r) => CHECK_IDS.every((id) => r.checks.filter((c) => c.id === id).length === 1), {
    message: 'every check appears exactly once',
  });
export type DoctorReport = z.infer<typeof DoctorReport>;
