/** Bumped only when an existing event changes shape; new fields do not bump it. */
export const PROTOCOL_VERSION = 1;

/** socket.io path the hub listens on and the SDK connects to. */
export const SOCKET_PATH = '/ws/hot-reload';

/** Where the hub serves its browser scripts and the watched browser assets. */
export const CLIENT_SCRIPT_PATH = '/hothub/client.js';
export const CLIENT_MODULE_PATH = '/hothub/client.mjs';
/** The SDK's toasts and runtime-error overlay, an ES module both scripts load on first need. */
export const CLIENT_UI_PATH = '/hothub/client-ui.mjs';
export const ASSETS_PATH = '/assets';

/**
 * Stands in `/hothub/client.js` for the path the serving hub's app is mounted at (`app.use('/hot', hub.app)`
 * → `/hot`, URI-encoded): the hub replaces it per request, as Vite injects `__HMR_BASE__`, so the SDK
 * knows its socket endpoint is at the server's root (`SOCKET_PATH`), not under the mount.
 */
export const MOUNT_TOKEN = '__HOTHUB_MOUNT__';
