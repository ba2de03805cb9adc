import { FixedWindows, type WindowLimit } from '../util/fixed-windows.js';

type Middleware = (socket: { handshake: { address: string; auth: unknown } }, next: (error?: Error) => void) => void;

/**
 * Wraps the token check: an address whose handshakes failed it more than `limit.max` times in the
 * window is refused, even with the right token, until the window ends. Throttles token guessing,
 * which HTTP's 429 does not reach (socket.io answers handshakes itself).
 * @example
 * io.use(throttleFailedHandshakes(requireHandshakeToken(token), { max: 60, windowS: 60 }));
 */
export function throttleFailedHandshakes(check: Middleware, limit: WindowLimit): Middleware {
  const failures = new FixedWindows(limit);
  return (socket, next) => {
    const address = socket.handshake.address;
    const state = failures.peek(address);
    if (state.count >= limit.max) {
      return next(new Error(`too many failed handshakes from this address; retry in ${state.retryAfterS} s`));
    }
    check(socket, (error) => {
      if (error) failures.hit(address);
      next(error);
    });
  };
}
