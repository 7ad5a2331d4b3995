/**
 * A failure the kiosk can act on: a stable `code` (it keys the translated sentence in
 * renderer/i18n/errors/<area>.json and crosses KioskApi unchanged) and a developer message that never
 * carries personal data. Each area declares its codes and a subclass named after itself.
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
