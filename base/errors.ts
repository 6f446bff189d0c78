/** The one error family: a status, a stable code and a message a user can act on. */
export class AppError extends Error {
  override name = 'AppError';
  constructor(
    readonly status: 400 | 401 | 403 | 404 | 409 | 413 | 415 | 422 | 429 | 500 | 503,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

export const badRequest = (message: string, code = 'bad_request') => new AppError(400, code, message);
export const unauthorized = (message = 'Sign in first: a valid bearer token is required.') =>
  new AppError(401, 'unauthorized', message);
export const forbidden = (message = 'Your role is not allowed to do this.') => new AppError(403, 'forbidden', message);
export const notFound = (what: string) => new AppError(404, 'not_found', `${what} was not found.`);
export const conflict = (message: string, code = 'conflict') => new AppError(409, code, message);

/** A zod error as one readable line: "text: message text is empty; page.url: ...". */
export function describeZodError(err: { issues: Array<{ path: PropertyKey[]; message: string }> }): string {
  return err.issues
    .map((i) => (i.path.length ? `${i.path.map(String).join('.')}: ${i.message}` : i.message))
    .join('; ');
}
