import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Express, RequestHandler } from 'express';

/** A connect/express middleware: what `app.use()` of express, connect and Vite's `server.middlewares` take. */
export type Middleware = (req: IncomingMessage, res: ServerResponse, next: (error?: unknown) => void) => void;

/**
 * The hub's express app as a plain middleware. Express gives `req` and `res` its own prototypes while
 * they are inside an app and restores them only for apps it mounts itself; a connect server (Vite's)
 * gets them back here when a request falls through, so nothing of express leaks into the app's handlers.
 */
export function toMiddleware(app: Express): Middleware {
  // An express app takes plain node requests (it adds its prototype itself); its types only say so without `next`.
  const handle = app as unknown as (req: IncomingMessage, res: ServerResponse, next: Parameters<RequestHandler>[2]) => void;
  return (req, res, next) => {
    const request: object | null = Object.getPrototypeOf(req);
    const response: object | null = Object.getPrototypeOf(res);
    handle(req, res, (error?: unknown) => {
      Object.setPrototypeOf(req, request);
      Object.setPrototypeOf(res, response);
      next(error);
    });
  };
}
