import type { RequestHandler } from 'express';
import { secretMatches } from '../util/secrets.js';
import { HttpError } from './http-error.js';

const BEARER = /^Bearer +(\S+) *$/i;

/**
 * With a token set, the request must carry `Authorization: Bearer <token>`: 401 when it does not,
 * 403 when the token is wrong. Compared in constant time; the token never reaches a log or an answer.
 */
export function requireToken(token: string | undefined): RequestHandler {
  return (req, res, next) => {
    if (token === undefined) return next();
    const presented = BEARER.exec(req.get('authorization') ?? '')?.[1];
    if (presented === undefined) {
      res.set('WWW-Authenticate', 'Bearer realm="hothub"');
      return next(new HttpError(401, 'unauthorized', 'this endpoint needs an Authorization: Bearer <token> header'));
    }
    if (!secretMatches(presented, token)) return next(new HttpError(403, 'forbidden', 'the bearer token is not valid'));
    next();
  };
}
