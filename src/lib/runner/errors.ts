/** A runner refused or failed a request; the message says what to do. */
export class RunnerRequestError extends Error {
  override name = 'RunnerRequestError';
  constructor(
    message: string,
    readonly status?: number,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}
