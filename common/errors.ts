/**
 * A failure the kiosk can act on: a stable `code` (it keys the translated sentence in
 * renderer/i18n/errors/<area>.json and crosses KioskApi unchanged) and a developer message that never
 * carries personal data. Each area declares its codes and a subclass named after itself.
 *
 * Codes are identifiers, never renamed once shipped (the outbox and audit keep them, the renderer and
 * the e2e tests key on them). New codes take the dotted form `<area>.<kebab-reason>`
 * (`face.too-large`, `answer.required`); codes shipped before that rule in the kebab form keep their
 * spelling (`chip-bac-failed`) and are frozen in
 * tests/unit/error-codes.test.ts, which also checks that every code the host can send has a
 * sentence in Vietnamese and English.
 */
export class CodedError<C extends string = string> extends Error {
  constructor(
    readonly code: C,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/** The dotted form every new code takes: `<area>.<kebab-reason>`. */
export const DOTTED_ERROR_CODE = /^[a-z][a-z0-9]*(?:-[a-z0-9]+)*\.[a-z0-9]+(?:-[a-z0-9]+)*$/;
