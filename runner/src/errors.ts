/** Errors the runner answers with: each carries the HTTP status and a message saying what to do. */
export class RunnerError extends Error {
  override name = 'RunnerError';
  constructor(
    readonly status: number,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

export const badRequest = (message: string) => new RunnerError(400, message);
export const forbidden = (message: string) => new RunnerError(403, message);
export const notFound = (message: string) => new RunnerError(404, message);
export const busy = (message: string) => new RunnerError(429, message);
export const tooLarge = (message: string) => new RunnerError(413, message);
