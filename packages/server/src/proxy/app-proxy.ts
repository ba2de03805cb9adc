import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { CLIENT_SCRIPT_PATH } from '@hothub/shared';
import type { RequestHandler } from 'express';
import type { Logger } from '../util/log.js';
import { proxyRequests } from './proxy-request.js';
import { proxyUpgrades } from './proxy-upgrade.js';

/** Where a proxying hub keeps its own routes, out of the way of the app's (`/assets`, `/status`, … are common app paths). */
export const PROXY_MOUNT = '/__hothub';

export interface AppProxy {
  /** The app's origin. */
  target: URL;
  /** Answers every request the hub's routes do not. */
  requests: RequestHandler;
  /** For the server's `upgrade` event: every WebSocket but the hub's own goes to the app. */
  upgrades: (req: IncomingMessage, socket: Duplex, head: Buffer) => void;
}

/** The app's origin from `--proxy`; a clear error for anything else. */
export function proxyTarget(value: string): URL {
  const url = URL.canParse(value) ? new URL(value) : undefined;
  if (!url || (url.protocol !== 'http:' && url.protocol !== 'https:') || url.pathname !== '/' || url.search) {
    throw new Error(`--proxy takes the app's origin, such as http://localhost:3000 (got ${JSON.stringify(value)})`);
  }
  return url;
}

/**
 * Proxy mode (`--proxy http://localhost:3000`): the hub serves the app, adding the SDK tag to its pages,
 * so the app needs no change at all.
 */
export function appProxy(target: URL, options: { secure: boolean; logger: Logger }): AppProxy {
  const tag = `<script src="${PROXY_MOUNT}${CLIENT_SCRIPT_PATH}"></script>`;
  return { target, requests: proxyRequests(target, tag, options.logger), upgrades: proxyUpgrades(target, options.secure) };
}
