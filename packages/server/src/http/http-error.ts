import { errorMessage, type Infer, type Schema, validate } from '@hothub/shared';
import type { ErrorRequestHandler, RequestHandler, Response } from 'express';

/** An error with an HTTP status, rendered as `{ error: { code, message, details? } }`. */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'HttpError';
  }
}

export function sendError(res: Response, error: HttpError): void {
  const body = { code: error.code, message: error.message, ...(error.details === undefined ? {} : { details: error.details }) };
  res.status(error.status).json({ error: body });
}

/** Validates a request body (already parsed) or query; throws a 400 naming every failing path. */
export function parseBody<S extends Schema>(schema: S, input: unknown, where: 'body' | 'query' = 'body'): Infer<S> {
  const result = validate(schema, input, `request ${where}`);
  if (!result.ok) throw new HttpError(400, `invalid_${where}`, result.error.message, result.error.issues);
  return result.value;
}

/** JSON 404 for every route nobody answered. */
export const notFoundHandler: RequestHandler = (req, res) =>
  sendError(res, new HttpError(404, 'not_found', `no route for ${req.method} ${req.path}`));

/** Turns thrown errors into JSON; stacks only in dev mode, never for expected errors. */
export function errorHandler(options: { exposeStack: boolean }): ErrorRequestHandler {
  return (error: unknown, _req, res, next) => {
    if (res.headersSent) return next(error);
    if (error instanceof HttpError) return sendError(res, error);
    const status = typeof error === 'object' && error !== null && 'status' in error ? Number(error.status) : 500;
    if (status === 400 && error instanceof SyntaxError) {
      return sendError(res, new HttpError(400, 'malformed_json', `malformed JSON body: ${error.message}`));
    }
    if (status === 413) return sendError(res, new HttpError(413, 'body_too_large', 'request body is larger than 1 MB'));
    if (status === 415) return sendError(res, new HttpError(415, 'unsupported_media_type', 'send the body as UTF-8 application/json'));
    if (status >= 400 && status < 500) return sendError(res, new HttpError(status, 'bad_request', errorMessage(error)));
    const details = options.exposeStack && error instanceof Error ? { stack: error.stack } : undefined;
    sendError(res, new HttpError(500, 'internal', 'internal server error', details));
  };
}
