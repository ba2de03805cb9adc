import type { RequestHandler } from 'express';
import type { RateLimitSettings } from '../options/rate-limit-settings.js';
import { FixedWindows } from '../util/fixed-windows.js';
import { HttpError } from './http-error.js';

/**
 * At most `max` requests per client address in each `windowS`-second window, then 429 with `Retry-After`.
 * Keyed by the socket's address: behind a proxy every client shares one window.
 */
export function rateLimit(settings: RateLimitSettings, now: () => number = Date.now): RequestHandler {
  const windows = new FixedWindows(settings, now);
  return (req, res, next) => {
    const state = windows.hit(req.socket.remoteAddress ?? 'unknown');
    if (!state.limited) return next();
    res.set('Retry-After', String(state.retryAfterS));
    next(new HttpError(429, 'rate_limited', `more than ${settings.max} requests in ${settings.windowS} s from this client; retry later`));
  };
}
