import type { RequestHandler } from 'express';
import { type AccessPolicy, hostAllowed, hostRefusal } from '../access/access-policy.js';
import { HttpError } from './http-error.js';

/** 403 `host_not_allowed` for a `Host` the policy does not allow (DNS rebinding guard), on every route of the hub. */
export function hostCheck(policy: AccessPolicy): RequestHandler {
  return (req, _res, next) => {
    const host = req.get('host');
    next(hostAllowed(policy, host) ? undefined : new HttpError(403, 'host_not_allowed', hostRefusal(host)));
  };
}
