import type { RequestHandler } from 'express';
import type { RateLimitSettings } from '../ops/rate-limit-settings.js';
import { HttpError } from './http-error.js';

/** Clients tracked at once; past this, finished windows are dropped first. */
const MAX_CLIENTS = 10_000;

interface Window {
  count: number;
  resetAt: number;
}

/**
 * At most `max` requests per client address in each `windowS`-second window, then 429 with `Retry-After`.
 * Keyed by the socket's address: behind a proxy every client shares one window.
 */
export function rateLimit(settings: RateLimitSettings, now: () => number = Date.now): RequestHandler {
  const windows = new Map<string, Window>();
  return (req, res, next) => {
    const at = now();
    const client = req.socket.remoteAddress ?? 'unknown';
    let window = windows.get(client);
    if (!window || window.resetAt <= at) {
      if (windows.size >= MAX_CLIENTS) prune(windows, at);
      window = { count: 0, resetAt: at + settings.windowS * 1000 };
      windows.set(client, window);
    }
    if (++window.count <= settings.max) return next();
    res.set('Retry-After', String(Math.ceil((window.resetAt - at) / 1000)));
    next(new HttpError(429, 'rate_limited', `more than ${settings.max} requests in ${settings.windowS} s from this client; retry later`));
  };
}

function prune(windows: Map<string, Window>, at: number): void {
  for (const [client, window] of windows) if (window.resetAt <= at) windows.delete(client);
  if (windows.size >= MAX_CLIENTS) windows.clear();
}
