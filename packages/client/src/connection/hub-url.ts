import { CLIENT_MODULE_PATH, CLIENT_SCRIPT_PATH, SOCKET_PATH } from '@hothub/shared';

/**
 * The hub's base URL (origin plus any path prefix) from the URL the SDK was loaded from:
 * `http://127.0.0.1:8888/hothub/client.js` → `http://127.0.0.1:8888`,
 * `https://app.test/dev/hothub/client.js` → `https://app.test/dev`.
 */
export function hubUrlFromScript(scriptUrl: string): string {
  const url = new URL(scriptUrl);
  let path = url.pathname;
  for (const suffix of [CLIENT_SCRIPT_PATH, CLIENT_MODULE_PATH]) {
    if (path.endsWith(suffix)) path = path.slice(0, -suffix.length);
  }
  return `${url.origin}${path.replace(/\/+$/, '')}`;
}

/**
 * The socket path of a hub whose routes are mounted at `mount` in an app (`/hot`): the socket
 * endpoint is attached at the root of the app's server, so `mount` comes off the hub URL's path,
 * keeping any prefix a proxy adds: `https://app.test/dev/hot` and `/hot` → `/dev/ws/hot-reload`.
 */
export function socketPathOf(hubUrl: string, mount: string): string {
  const path = new URL(hubUrl).pathname.replace(/\/+$/, '');
  const prefix = mount && path.endsWith(mount) ? path.slice(0, -mount.length) : path;
  return `${prefix}${SOCKET_PATH}`;
}
