import type { RequestHandler } from 'express';
import { HttpError } from './http-error.js';

/** A request that carries a body must say it is JSON (415 otherwise); one without a body passes. */
export const requireJson: RequestHandler = (req, _res, next) => {
  if (req.is('application/json') !== false) return next();
  next(new HttpError(415, 'unsupported_media_type', 'send the body as application/json', { contentType: req.get('content-type') ?? null }));
};
