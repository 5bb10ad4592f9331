export type AppealErrorCode = 'invalid-policy' | 'unknown-level' | 'invalid-amount' | 'invalid-letter';

/** Typed failure of appeal rules; messages never carry patient data. */
export class AppealError extends Error {
  constructor(
    readonly code: AppealErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'AppealError';
  }
}
